namespace SessionGen;

/// <summary>
/// Marks a <see langword="partial"/> class as a session process: one instance of it lives per session,
/// its instance fields are the session-scoped variables, and its <see cref="OnAttribute"/> methods handle
/// the session's messages one at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SessionProcessAttribute : Attribute
{
    /// <summary>Declares a process whose protocol name is the class name.</summary>
    public SessionProcessAttribute()
    {
    }

    /// <summary>Declares a process with an explicit protocol name, used on the wire.</summary>
    /// <param name="name">The protocol name, for example <c>"Sessions.Manager"</c>.</param>
    public SessionProcessAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The protocol name, or <see langword="null"/> to use the class name.</summary>
    public string? Name { get; }

    /// <summary>What a session does after a handler throws. Default: <see cref="SessionFaultPolicy.EndSession"/>.</summary>
    public SessionFaultPolicy FaultPolicy { get; set; }

    /// <summary>
    /// The most messages one session's queue holds; 0 (the default) for no bound. One-way messages the session's turn
    /// has taken in a run with the one it handles count until they are handled, so the queue never holds more, also when
    /// the turn puts the rest of a run back (a handler that awaits).
    /// </summary>
    public int MailboxCapacity { get; set; }

    /// <summary>What a send does when the queue is full. Default: <see cref="MailboxFullMode.FailFast"/>.</summary>
    public MailboxFullMode MailboxFullMode { get; set; }

    /// <summary>
    /// A session that receives no message for this many seconds ends, after its <see cref="OnIdleAttribute"/>
    /// handler (if any) has run; 0 (the default) for never.
    /// </summary>
    public double IdleTimeoutSeconds { get; set; }

    /// <summary>
    /// The longest one handler may run, in seconds; past it the caller gets
    /// <see cref="HandlerTimeLimitExceededException"/> and the fault policy applies. 0 (the default) for no limit.
    /// </summary>
    public double HandlerTimeLimitSeconds { get; set; }

    /// <summary>
    /// The longest a message may wait in the queue, in seconds; one that waited longer is not handled: its
    /// sender gets <see cref="MessageExpiredException"/> and it is dead-lettered as expired. 0 (the default) for no limit.
    /// </summary>
    public double MessageTimeToLiveSeconds { get; set; }

    /// <summary>
    /// The enum whose members are the protocol's states; the first member is the initial state. Handlers say where
    /// they are accepted with <see cref="AcceptedInAttribute"/> and where they lead with <see cref="MovesToAttribute"/>.
    /// </summary>
    public Type? States { get; set; }

    /// <summary>
    /// How long, in seconds, a message may wait for a state that accepts it before it is answered with
    /// <see cref="MessageNotAcceptedException"/>; 0 (the default) for as long as the session lives. A message still
    /// waiting when the session ends gets <see cref="SessionNotFoundException"/>, like every message the session never ran.
    /// </summary>
    public double HoldLimitSeconds { get; set; }

    /// <summary>How many sessions of this process run at once. Default: <see cref="ExecutionMode.Concurrent"/>.</summary>
    public ExecutionMode Execution { get; set; }

    /// <summary>
    /// Whether every turn of a session of this process is committed to the host's <see cref="SessionHostOptions.Store"/>
    /// before its outcome is reported, so sessions survive a restart. The instance fields are the stored state, except
    /// those marked <see cref="TransientAttribute"/>. Default: <see langword="false"/> (the session lives in memory only).
    /// </summary>
    public bool Durable { get; set; }
}
