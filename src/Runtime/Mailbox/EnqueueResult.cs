namespace SessionGen;

/// <summary>What happened to an item offered to a <see cref="Mailbox"/>.</summary>
internal enum EnqueueResult
{
    Accepted,
    Closed,
    Full,
}
