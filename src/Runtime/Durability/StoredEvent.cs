namespace SessionGen;

/// <summary>An event as a durable session's recent-event log keeps it: numbered, addressed, its payload as JSON.</summary>
internal readonly record struct StoredEvent(long Sequence, string? Participant, ReadOnlyMemory<byte> Payload);
