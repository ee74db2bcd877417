using System.Diagnostics.Metrics;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// Tells a waiting test that something happened in a test cluster, so that it re-checks its condition then instead of
/// on a clock: a grain call finished on a silo or on the client (<see cref="ProgressCallFilter"/>), or Orleans or
/// SessionGen recorded a measurement (an activation created or destroyed, a ping between silos, a timeout fired, a
/// session started or ended, a dead letter). SessionGen's per-message instruments are left off: listening to them
/// would take the runtime off the path the tests mean to exercise.
/// </summary>
internal static class ClusterProgress
{
    private static readonly HashSet<string> SessionGenInstruments =
    [
        "sessiongen.sessions.started",
        "sessiongen.sessions.ended",
        "sessiongen.dead_letters",
        "sessiongen.timeouts.fired",
    ];

    private static TaskCompletionSource next = NewSignal();

#pragma warning disable IDE0052 // kept alive for the process: it listens for as long as the tests run
    private static readonly MeterListener Listener = Listen();
#pragma warning restore IDE0052

    /// <summary>Completes at the next sign of progress after it was read.</summary>
    public static Task Next => Volatile.Read(ref next).Task;

    /// <summary>Wakes every test waiting on <see cref="Next"/>.</summary>
    public static void Pulse() => Interlocked.Exchange(ref next, NewSignal()).TrySetResult();

    // Continuations run on the pool: a waiter must never run inside Orleans' call path or a session's turn.
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static MeterListener Listen()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, owner) =>
            {
                if (instrument.Meter.Name == "Microsoft.Orleans"
                    || (instrument.Meter.Name == SessionTelemetry.MeterName && SessionGenInstruments.Contains(instrument.Name)))
                {
                    owner.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => Pulse());
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => Pulse());
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Pulse());
        listener.Start();
        return listener;
    }
}
