using System.ComponentModel;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Told about the life of a host's sessions, for logging (SessionGen.Hosting logs through <c>ILogger</c> with
/// one). Set it with <see cref="SessionHostOptions.Observer"/>. Calls arrive on the sessions' threads while they
/// run, so keep them short; an exception thrown here is swallowed so that it cannot break a session.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SessionObserver
{
    /// <summary>Session <paramref name="id"/> was created; its starter has not run yet.</summary>
    public virtual void SessionStarted(SessionId id, SessionProcessDefinition process)
    {
    }

    /// <summary>Session <paramref name="id"/> ended; <paramref name="fault"/> is the fault that ended it, if one did.</summary>
    public virtual void SessionEnded(SessionId id, SessionProcessDefinition process, SessionEndReason reason, SessionFaultedException? fault)
    {
    }

    /// <summary>A handler of session <paramref name="id"/> threw (whether or not the fault policy then ends the session).</summary>
    public virtual void HandlerFaulted(SessionId id, SessionProcessDefinition process, SessionFaultedException fault)
    {
    }

    /// <summary>
    /// A stored durable session with a pending timeout could not be loaded when the timeout fell due (the store failed,
    /// or its record no longer loads): its timeout has not run. The next message to the session tries again.
    /// </summary>
    public virtual void WakeUpFailed(SessionId id, SessionProcessDefinition process, Exception exception)
    {
    }
}
