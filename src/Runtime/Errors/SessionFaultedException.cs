namespace SessionGen;

/// <summary>
/// The handler threw. <see cref="Exception.InnerException"/> is what it threw. The session then ends;
/// other sessions carry on.
/// </summary>
public sealed class SessionFaultedException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SessionFaultedException(SessionId sessionId, string operation, Exception innerException)
        : base(sessionId, $"The handler of '{operation}' in session '{sessionId}' threw {innerException.GetType().Name}: {innerException.Message}", innerException)
    {
        Operation = operation;
    }

    /// <summary>The operation (or timeout) whose handler threw.</summary>
    public string Operation { get; }
}
