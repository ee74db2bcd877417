namespace SessionGen;

/// <summary>What a send does when the session's bounded mailbox is full.</summary>
public enum MailboxFullMode
{
    /// <summary>The send fails at once with <see cref="MailboxFullException"/>.</summary>
    FailFast,

    /// <summary>The send waits (cancellably, in arrival order) until the session has room.</summary>
    Wait,
}
