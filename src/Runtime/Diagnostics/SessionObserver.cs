namespace SessionGen;

/// <summary>
/// Told about the life of a host's sessions: the extension point for logging, auditing or counting what sessions do
/// (SessionGen.Hosting's <c>AddSessionGen</c> logs through <c>ILogger</c> with one, and passes every call on to the
/// observer the application set). Derive from it, override the callbacks you need (each does nothing by default) and
/// set it with <see cref="SessionHostOptions.Observer"/>.
/// </summary>
/// <remarks>
/// <para>
/// Calls arrive synchronously on whichever thread is doing the work, while it does it: <see cref="SessionStarted"/>
/// on the thread that starts the session (normally the caller of a generated <c>StartAsync</c> or of
/// <see cref="SessionHost.SendAsync(SessionId, object, CancellationToken)"/>; a <see cref="ExecutionMode.Sequential"/>
/// starter that waited for its turn continues on another thread), <see cref="HandlerFaulted"/> on the
/// thread running the session's turn (a thread-pool thread, or the sender's own thread when the handler ran inline),
/// <see cref="SessionEnded"/> on the thread running the session's last turn or on the thread stopping the host. So:
/// </para>
/// <list type="bullet">
/// <item>calls for one session come in order (started, then any faults, then ended), but calls for different
/// sessions come concurrently: an observer must be thread-safe;</item>
/// <item>it must not block or wait for a session (a call made during a turn holds that turn, and may hold the
/// sender that runs it inline): hand anything slow to a queue of your own;</item>
/// <item>it must not throw: an exception is swallowed so that it cannot break a session, and the call is lost.</item>
/// </list>
/// <para>Sessions are named by their <see cref="SessionId"/> and their process's protocol name (the
/// <see cref="SessionProcessAttribute"/> name, or the class's full name).</para>
/// </remarks>
public abstract class SessionObserver
{
    /// <summary>
    /// Session <paramref name="id"/> of process <paramref name="process"/> was created: its correlation keys are
    /// registered and its starter is queued but has not run yet.
    /// </summary>
    /// <param name="id">The new session's id.</param>
    /// <param name="process">The protocol name of the session's process.</param>
    public virtual void SessionStarted(SessionId id, string process)
    {
    }

    /// <summary>
    /// Session <paramref name="id"/> ended (its pending timeouts are released and its subscriptions completed):
    /// it is gone from the host.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="process">The protocol name of the session's process.</param>
    /// <param name="reason">Why: completed (<c>EndSession</c>, a final state, idleness), faulted, or the host stopping.</param>
    /// <param name="fault">The fault that ended it when <paramref name="reason"/> is <see cref="SessionEndReason.Faulted"/>; otherwise null.</param>
    public virtual void SessionEnded(SessionId id, string process, SessionEndReason reason, SessionFaultedException? fault)
    {
    }

    /// <summary>
    /// A handler of session <paramref name="id"/> threw, whether or not the process's fault policy then ends the session
    /// (if it does, <see cref="SessionEnded"/> follows with the same fault).
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="process">The protocol name of the session's process.</param>
    /// <param name="fault">The fault: the operation (<see cref="SessionFaultedException.Operation"/>) and the handler's exception (<see cref="Exception.InnerException"/>).</param>
    public virtual void HandlerFaulted(SessionId id, string process, SessionFaultedException fault)
    {
    }

    /// <summary>
    /// Session <paramref name="id"/> delivered <paramref name="event"/> to its subscribers: an <c>Emit</c> (to everyone,
    /// <see cref="SessionEvent.Participant"/> null) or an <c>EmitTo</c> (to one participant), numbered, called whether or
    /// not anyone is subscribed. A durable session's events are delivered, and reported, once the turn that emitted them
    /// is stored. Called on the thread running the session's turn (or storing it), in sequence order for one session.
    /// SessionGen.Testing captures what each participant received through it.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="process">The protocol name of the session's process.</param>
    /// <param name="event">The event as its subscribers received it: sequence number, payload and addressee.</param>
    public virtual void EventEmitted(SessionId id, string process, SessionEvent @event)
    {
    }

    /// <summary>
    /// A stored durable session with a pending timeout could not be loaded when the timeout fell due (the store failed,
    /// or its record no longer loads): its timeout has not run. A store failure is tried again after 1 s, then twice as
    /// long each time up to a minute, until the session loads or the host stops (each failure reported here); a record
    /// that does not load (<see cref="SessionStateException"/>) is not, and the next message to the session tries again.
    /// Called on the thread that loaded the session.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="process">The protocol name of the session's process.</param>
    /// <param name="exception">Why it could not be loaded.</param>
    public virtual void WakeUpFailed(SessionId id, string process, Exception exception)
    {
    }
}
