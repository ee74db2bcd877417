using System.Diagnostics.Metrics;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The <c>SessionGen</c> meter and its instruments. Every recording first asks <see cref="Instrument.Enabled"/>,
/// so with no listener a message costs one field read per instrument and allocates nothing. Session ids are
/// never metric tags (unbounded cardinality); they go on spans only.
/// </summary>
internal static class SessionMetrics
{
    private static readonly Meter Meter = new(SessionTelemetry.MeterName);

    private static readonly Counter<long> SessionsStarted =
        Meter.CreateCounter<long>("sessiongen.sessions.started", "{session}", "Sessions started.");

    private static readonly Counter<long> SessionsEnded =
        Meter.CreateCounter<long>("sessiongen.sessions.ended", "{session}", "Sessions ended, by reason.");

    private static readonly Counter<long> MessagesHandled =
        Meter.CreateCounter<long>("sessiongen.messages.handled", "{message}", "Messages whose handler ran, by outcome.");

    private static readonly Histogram<double> HandlerDuration =
        Meter.CreateHistogram<double>("sessiongen.handler.duration", "s", "How long handlers ran, on the host's clock.");

    private static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("sessiongen.dead_letters", "{message}", "Accepted messages that were never handled, by reason.");

    private static readonly Counter<long> TimeoutsFired =
        Meter.CreateCounter<long>("sessiongen.timeouts.fired", "{timeout}", "Timeouts (Schedule{Name}, After) that ran on their session.");

    static SessionMetrics()
    {
        // Observed, not counted up and down: a collector that attaches late still reads the true numbers, and
        // nothing is computed until one asks.
        Meter.CreateObservableUpDownCounter(
            "sessiongen.sessions.active", static () => Observe(static _ => 1), "{session}", "Sessions running now.");
        Meter.CreateObservableGauge(
            "sessiongen.queue.length", static () => Observe(static session => session.QueueLength), "{message}", "Messages waiting in sessions' queues.");
    }

    /// <summary>True when a message's outcome or duration is being recorded.</summary>
    public static bool MessagesObserved => MessagesHandled.Enabled || HandlerDuration.Enabled;

    public static void SessionStarted(SessionProcessDefinition process)
    {
        if (SessionsStarted.Enabled)
        {
            SessionsStarted.Add(1, new KeyValuePair<string, object?>(SessionTelemetry.ProcessTag, process.ProtocolName));
        }
    }

    public static void SessionEnded(SessionProcessDefinition process, SessionEndReason reason)
    {
        if (SessionsEnded.Enabled)
        {
            SessionsEnded.Add(
                1,
                new KeyValuePair<string, object?>(SessionTelemetry.ProcessTag, process.ProtocolName),
                new KeyValuePair<string, object?>(SessionTelemetry.ReasonTag, ReasonName(reason)));
        }
    }

    public static void MessageHandled(SessionOperation operation, string outcome, TimeSpan duration)
    {
        var process = new KeyValuePair<string, object?>(SessionTelemetry.ProcessTag, operation.Process.ProtocolName);
        var name = new KeyValuePair<string, object?>(SessionTelemetry.OperationTag, operation.Name);
        var result = new KeyValuePair<string, object?>(SessionTelemetry.OutcomeTag, outcome);
        if (MessagesHandled.Enabled)
        {
            MessagesHandled.Add(1, process, name, result);
        }

        if (HandlerDuration.Enabled)
        {
            HandlerDuration.Record(duration.TotalSeconds, process, name, result);
        }
    }

    public static void DeadLetterFiled(DeadLetter deadLetter)
    {
        if (DeadLetters.Enabled)
        {
            DeadLetters.Add(
                1,
                new KeyValuePair<string, object?>(SessionTelemetry.ProcessTag, (deadLetter.Message as ISessionMessage)?.Operation.Process.ProtocolName),
                new KeyValuePair<string, object?>(SessionTelemetry.OperationTag, deadLetter.Operation),
                new KeyValuePair<string, object?>(SessionTelemetry.ReasonTag, deadLetter.Reason.ToString()));
        }
    }

    /// <summary>A timer ran on <paramref name="session"/>; the runtime's own idle check is not a user's timeout.</summary>
    public static void TimeoutFired(SessionContext session, TimerEntry entry)
    {
        if (TimeoutsFired.Enabled && !entry.IsRuntimeTimer)
        {
            TimeoutsFired.Add(1, new KeyValuePair<string, object?>(SessionTelemetry.ProcessTag, session.Definition.ProtocolName));
        }
    }

    private static string ReasonName(SessionEndReason reason) => reason switch
    {
        SessionEndReason.Faulted => "faulted",
        SessionEndReason.HostStopping => "host_stopping",
        _ => "completed",
    };

    /// <summary>Sums <paramref name="measure"/> over the running sessions of every live host, per process.</summary>
    private static List<Measurement<long>> Observe(Func<SessionContext, long> measure)
    {
        var byProcess = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (SessionHost host in LiveHosts.Snapshot())
        {
            foreach (SessionContext session in host.RunningSessions)
            {
                string process = session.Definition.ProtocolName;
                byProcess[process] = byProcess.GetValueOrDefault(process) + measure(session);
            }
        }

        var measurements = new List<Measurement<long>>(byProcess.Count);
        foreach ((string process, long total) in byProcess)
        {
            measurements.Add(new Measurement<long>(total, new KeyValuePair<string, object?>(SessionTelemetry.ProcessTag, process)));
        }

        return measurements;
    }
}
