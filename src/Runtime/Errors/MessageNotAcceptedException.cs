namespace SessionGen;

/// <summary>
/// The session's protocol did not accept the message: no state it can still reach accepts the operation, or
/// the message waited for such a state longer than the process's hold limit.
/// </summary>
public sealed class MessageNotAcceptedException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public MessageNotAcceptedException(SessionId sessionId, string operation, string state, string reason)
        : base(sessionId, $"Session '{sessionId}' did not accept '{operation}' in state '{state}': {reason}.")
    {
        Operation = operation;
        State = state;
    }

    /// <summary>The operation of the message.</summary>
    public string Operation { get; }

    /// <summary>The session's state when the message was refused.</summary>
    public string State { get; }
}
