namespace SessionGen;

/// <summary>An event as a durable session's recent-event log keeps it: numbered, addressed, its payload as JSON.</summary>
internal readonly record struct StoredEvent(long Sequence, string? Participant, string Type, ReadOnlyMemory<byte> Payload);

/// <summary>A handled message id as a durable session's record keeps it: when, and its entry as JSON (see <see cref="StoredMessageIds"/>).</summary>
internal readonly record struct StoredHandledId(DateTimeOffset HandledAt, ReadOnlyMemory<byte> Entry);
