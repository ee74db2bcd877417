namespace SessionGen;

/// <summary>The message waited in the session's queue longer than its process's time to live, so it was not handled.</summary>
public sealed class MessageExpiredException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public MessageExpiredException(SessionId sessionId, string operation, TimeSpan timeToLive)
        : base(sessionId, $"The '{operation}' message for session '{sessionId}' waited longer than its time to live of {timeToLive.TotalMilliseconds} ms and was not handled.")
    {
        Operation = operation;
        TimeToLive = timeToLive;
    }

    /// <summary>The operation the message was for.</summary>
    public string Operation { get; }

    /// <summary>The process's message time to live.</summary>
    public TimeSpan TimeToLive { get; }
}
