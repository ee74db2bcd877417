namespace SessionGen;

/// <summary>The payload does not fit the operation's parameters (Jolie's TypeMismatch).</summary>
public sealed class MessageTypeMismatchException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public MessageTypeMismatchException(SessionId sessionId, string operation, Type expectedType, Type? actualType)
        : base(sessionId, $"Operation '{operation}' takes a message of type '{expectedType.FullName}', not '{actualType?.FullName ?? "null"}'.")
    {
        Operation = operation;
        ExpectedType = expectedType;
        ActualType = actualType;
    }

    /// <summary>The operation the payload was sent to.</summary>
    public string Operation { get; }

    /// <summary>The message type the operation takes.</summary>
    public Type ExpectedType { get; }

    /// <summary>The payload's type, or <see langword="null"/> for a null payload.</summary>
    public Type? ActualType { get; }
}
