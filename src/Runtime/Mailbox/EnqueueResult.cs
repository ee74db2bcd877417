namespace SessionGen;

/// <summary>What happened to an item offered to a <see cref="Mailbox"/>.</summary>
internal enum EnqueueResult
{
    /// <summary>Queued: it will run.</summary>
    Accepted,

    /// <summary>The queue was full; the item waits, in arrival order, for room (<see cref="MailboxFullMode.Wait"/>).</summary>
    Waiting,

    /// <summary>The queue was full and the process fails fast.</summary>
    Full,

    /// <summary>The session has ended.</summary>
    Closed,
}
