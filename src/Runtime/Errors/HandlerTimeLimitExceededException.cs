namespace SessionGen;

/// <summary>
/// The handler ran longer than its process's time limit. Its cancellation token is cancelled, and the
/// process's fault policy applies (by default the session ends).
/// </summary>
public sealed class HandlerTimeLimitExceededException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public HandlerTimeLimitExceededException(SessionId sessionId, string operation, TimeSpan limit)
        : base(sessionId, $"The handler of '{operation}' in session '{sessionId}' ran longer than its limit of {limit.TotalMilliseconds} ms.")
    {
        Operation = operation;
        Limit = limit;
    }

    /// <summary>The operation whose handler overran.</summary>
    public string Operation { get; }

    /// <summary>The process's handler time limit.</summary>
    public TimeSpan Limit { get; }
}
