using Microsoft.Extensions.Logging;

namespace SessionGen.Hosting;

/// <summary>SessionGen's log messages: source-generated, structured (SessionId, Process, Operation, Reason), no boxing when disabled.</summary>
internal static partial class SessionLog
{
    public const string Category = "SessionGen";

    [LoggerMessage(EventId = 1, EventName = "SessionStarted", Level = LogLevel.Information,
        Message = "Session {SessionId} of {Process} started")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string process);

    [LoggerMessage(EventId = 2, EventName = "SessionEnded", Level = LogLevel.Information,
        Message = "Session {SessionId} of {Process} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, string sessionId, string process, SessionEndReason reason);

    [LoggerMessage(EventId = 3, EventName = "HandlerFaulted", Level = LogLevel.Error,
        Message = "Operation {Operation} of session {SessionId} of {Process} faulted")]
    public static partial void HandlerFaulted(ILogger logger, Exception exception, string operation, string sessionId, string process);

    [LoggerMessage(EventId = 4, EventName = "DeadLetter", Level = LogLevel.Warning,
        Message = "Message for operation {Operation} of session {SessionId} was not handled: {Reason}")]
    public static partial void DeadLetter(ILogger logger, string operation, string sessionId, DeadLetterReason reason);
}
