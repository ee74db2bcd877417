namespace SessionGen;

/// <summary>
/// The process of the session does not declare the message's operation (Jolie's IOException "Invalid operation").
/// </summary>
public sealed class UnknownOperationException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public UnknownOperationException(SessionId sessionId, string operation, string message)
        : base(sessionId, message)
    {
        Operation = operation;
    }

    /// <summary>The operation name, or the message's type name when it names no operation.</summary>
    public string Operation { get; }
}
