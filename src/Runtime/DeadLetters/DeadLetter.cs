namespace SessionGen;

/// <summary>A message that was accepted but never handled; its sender was answered with an exception.</summary>
public sealed class DeadLetter
{
    /// <summary>Creates a dead letter.</summary>
    public DeadLetter(SessionId sessionId, string operation, object message, DeadLetterReason reason)
    {
        SessionId = sessionId;
        Operation = operation;
        Message = message;
        Reason = reason;
    }

    /// <summary>The session it was sent to.</summary>
    public SessionId SessionId { get; }

    /// <summary>The operation it was for.</summary>
    public string Operation { get; }

    /// <summary>The message itself (a generated <c>P.Messages.*</c> record).</summary>
    public object Message { get; }

    /// <summary>Why it was not handled.</summary>
    public DeadLetterReason Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Reason}: {Operation} for session {SessionId}";
}
