namespace SessionGen;

/// <summary>Why a message that had been accepted was never handled.</summary>
public enum DeadLetterReason
{
    /// <summary>The session ended (<c>EndSession</c>, a fault, idle expiry, a handler time limit) while the message waited in its queue.</summary>
    SessionEnded,

    /// <summary>The host stopped before the message's turn came: its shutdown timeout ran out while sessions were still draining.</summary>
    HostStopping,

    /// <summary>The sender cancelled while the message still waited in the queue.</summary>
    Cancelled,

    /// <summary>The message waited in the queue longer than its process's time to live (<see cref="SessionProcessAttribute.MessageTimeToLiveSeconds"/>).</summary>
    Expired,

    /// <summary>The session's protocol could no longer accept the message, or it waited past the hold limit.</summary>
    NotAccepted,

    /// <summary>
    /// A transport had taken the message from its sender (a cluster's one-way post, say) and the session's host refused
    /// it: no such session, ended, mailbox full or host stopping; or the transport refused it itself (a cluster's post
    /// that arrived after its sender's later posts were handed on without it). Filed by the transport (<see cref="SessionHost.FileDeadLetter"/>).
    /// </summary>
    Refused,
}
