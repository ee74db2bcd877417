namespace SessionGen;

/// <summary>One event a session emitted, as a subscriber receives it.</summary>
public sealed class SessionEvent
{
    /// <summary>Creates an event.</summary>
    public SessionEvent(SessionId sessionId, long sequence, object payload, string? participant = null)
    {
        SessionId = sessionId;
        Sequence = sequence;
        Payload = payload;
        Participant = participant;
    }

    /// <summary>The session that emitted it.</summary>
    public SessionId SessionId { get; }

    /// <summary>1, 2, 3… per session, in emit order (events sent with <c>EmitTo</c> take numbers too).</summary>
    public long Sequence { get; }

    /// <summary>What the handler emitted.</summary>
    public object Payload { get; }

    /// <summary>The participant an <c>EmitTo</c> addressed, or <see langword="null"/> for an <c>Emit</c> to everyone.</summary>
    public string? Participant { get; }

    /// <inheritdoc/>
    public override string ToString() => $"#{Sequence} {Payload}";
}
