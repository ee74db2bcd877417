using System.Diagnostics;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// What one message reports: a span (a child of the sender's activity) and its outcome and duration. Lives
/// inside the pooled request, so with no listener it is a few default fields and allocates nothing.
/// </summary>
internal struct MessageTelemetry
{
    // Three fields, because every pooled or queued request carries them: before the handler runs, the sender's
    // activity (only when someone listens to spans); while it runs, the message's own span. The session and the
    // operation are the request's own fields, passed in.
    private Activity? activity;
    private long startedAt;
    private bool started;

    /// <summary>True when nobody listens to SessionGen's spans nor to its per-message metrics: handling a message reports nothing.</summary>
    public static bool IsOff => !SessionTracing.Source.HasListeners() && !SessionMetrics.MessagesObserved;

    /// <summary>At send time: remembers the sender's activity, when anyone listens to SessionGen's spans.</summary>
    public static MessageTelemetry Capture() =>
        SessionTracing.Source.HasListeners() && Activity.Current is { } sender
            ? new MessageTelemetry { activity = sender }
            : default;

    /// <summary>
    /// The handler is about to run: starts the span and makes it <see cref="Activity.Current"/> for the handler
    /// (its awaits carry it along). Dispose the scope once the handler has been called, to give the session's
    /// thread back its previous activity.
    /// </summary>
    public Scope Start(SessionContext owner, SessionOperation handled)
    {
        Activity? sender = activity;
        activity = null;
        bool tracing = SessionTracing.Source.HasListeners();
        if (!tracing && !SessionMetrics.MessagesObserved)
        {
            return default;
        }

        started = true;
        startedAt = owner.Host.TimeProvider.GetTimestamp();
        if (!tracing)
        {
            return default;
        }

        // The parent is the sender's span (or none), never whatever ran before on this thread.
        Activity? ambient = Activity.Current;
        Activity.Current = null;
        Activity? span = SessionTracing.Source.StartActivity(SessionTracing.SpanName(handled), ActivityKind.Consumer, sender?.Context ?? default);
        if (span is null)
        {
            Activity.Current = ambient;
            return default;
        }

        span.SetTag(SessionTelemetry.ProcessTag, handled.Process.ProtocolName);
        span.SetTag(SessionTelemetry.OperationTag, handled.Name);
        span.SetTag(SessionTelemetry.SessionIdTag, owner.Id.ToString());
        activity = span;
        return new Scope(ambient);
    }

    /// <summary>The handler has finished (<paramref name="error"/> is what its sender gets, if anything failed).</summary>
    public void Stop(SessionContext? owner, SessionOperation handled, Exception? error)
    {
        if (!started || owner is null)
        {
            this = default;
            return;
        }

        string outcome = error switch
        {
            null => "ok",
            SessionFaultedException => "faulted",
            OperationCanceledException => "cancelled",
            _ => "failed",
        };
        SessionMetrics.MessageHandled(handled, outcome, owner.Host.TimeProvider.GetElapsedTime(startedAt));
        if (activity is { } finished)
        {
            finished.SetTag(SessionTelemetry.OutcomeTag, outcome);
            if (error is not null)
            {
                Exception cause = error is SessionFaultedException { InnerException: { } inner } ? inner : error;
                finished.SetTag("error.type", cause.GetType().FullName);
                finished.SetStatus(ActivityStatusCode.Error, outcome);
            }

            // Stop() leaves Activity.Current at the span's parent, which, for a span started from a parent
            // context, is null: right for the session's turn, which carries no activity of its own.
            finished.Stop();
        }

        this = default;
    }

    /// <summary>Gives the session's thread back the activity it had before the handler was called.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly Activity? ambient;
        private readonly bool active;

        public Scope(Activity? ambient)
        {
            this.ambient = ambient;
            active = true;
        }

        public void Dispose()
        {
            if (active)
            {
                Activity.Current = ambient;
            }
        }
    }
}
