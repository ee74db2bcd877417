using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// The reliability settings of one process, read by the generator from <see cref="SessionProcessAttribute"/>
/// and handed to the runtime through the generated definition.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionProcessSettings
{
    /// <summary>The defaults: end on fault, unbounded mailbox, no idle expiry, no handler time limit.</summary>
    public static SessionProcessSettings Default { get; } = new();

    /// <summary>What the session does after a handler throws.</summary>
    public SessionFaultPolicy FaultPolicy { get; init; }

    /// <summary>
    /// The most messages a session's queue holds (counting one-way messages its turn has taken ahead of the one it runs
    /// and not run yet, so putting them back never exceeds it); 0 for no bound.
    /// </summary>
    public int MailboxCapacity { get; init; }

    /// <summary>What a send does when the queue is full.</summary>
    public MailboxFullMode MailboxFullMode { get; init; }

    /// <summary>A session that receives no message for this long ends; null for never.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    /// <summary>The longest one handler may run before its caller is answered with <see cref="HandlerTimeLimitExceededException"/>; null for no limit.</summary>
    public TimeSpan? HandlerTimeLimit { get; init; }

    /// <summary>The longest a message may wait in the queue before it expires unhandled; null for no limit.</summary>
    public TimeSpan? MessageTimeToLive { get; init; }

    /// <summary>How long a message may wait for a state that accepts it; null for as long as the session lives.</summary>
    public TimeSpan? HoldLimit { get; init; }

    /// <summary>How many sessions of the process run at once.</summary>
    public ExecutionMode Execution { get; init; }

    /// <summary>
    /// True when a message needs its own clock or timer (a time-to-live, a hold limit, a handler time limit), so
    /// even a one-way message travels as a request object.
    /// </summary>
    internal bool MessagesNeedTiming => MessageTimeToLive is not null || HoldLimit is not null || HandlerTimeLimit is not null;
}
