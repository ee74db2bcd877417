namespace SessionGen;

/// <summary>Where an item is in its session's mailbox.</summary>
internal enum ItemPlace : byte
{
    /// <summary>Not in the mailbox: not yet offered, running, or done.</summary>
    None,

    /// <summary>In the queue: accepted, it will run.</summary>
    Queued,

    /// <summary>Waiting for room in a full queue: not yet accepted.</summary>
    Waiting,
}
