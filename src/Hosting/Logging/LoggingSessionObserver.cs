using Microsoft.Extensions.Logging;

namespace SessionGen.Hosting;

/// <summary>Logs what a host's sessions do, then passes it on to the observer the application set, if any.</summary>
internal sealed class LoggingSessionObserver(ILogger logger, SessionObserver? next) : SessionObserver
{
    public override void SessionStarted(SessionId id, string process)
    {
        SessionLog.SessionStarted(logger, id.ToString(), process);
        next?.SessionStarted(id, process);
    }

    public override void SessionEnded(SessionId id, string process, SessionEndReason reason, SessionFaultedException? fault)
    {
        SessionLog.SessionEnded(logger, id.ToString(), process, reason);
        next?.SessionEnded(id, process, reason, fault);
    }

    public override void HandlerFaulted(SessionId id, string process, SessionFaultedException fault)
    {
        // The handler's own exception, with its stack trace, is what an operator needs.
        SessionLog.HandlerFaulted(logger, fault.InnerException ?? fault, fault.Operation, id.ToString(), process);
        next?.HandlerFaulted(id, process, fault);
    }
}
