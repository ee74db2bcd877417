namespace SessionGen;

/// <summary>Why a message that had been accepted was never handled.</summary>
public enum DeadLetterReason
{
    /// <summary>The session ended (<c>EndSession</c>, a fault, idle expiry, a handler time limit) while the message waited in its queue.</summary>
    SessionEnded,

    /// <summary>The host was stopping when the message reached the front of the queue.</summary>
    HostStopping,

    /// <summary>The sender cancelled while the message still waited in the queue.</summary>
    Cancelled,
}
