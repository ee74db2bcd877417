namespace SessionGen;

/// <summary>The session's bounded mailbox was full and its process fails fast (<see cref="MailboxFullMode.FailFast"/>).</summary>
public sealed class MailboxFullException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public MailboxFullException(SessionId sessionId, int capacity)
        : base(sessionId, $"The mailbox of session '{sessionId}' is full ({capacity} messages); try again later or slow down.")
    {
        Capacity = capacity;
    }

    /// <summary>The mailbox's capacity.</summary>
    public int Capacity { get; }
}
