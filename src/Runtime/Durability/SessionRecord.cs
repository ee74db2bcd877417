namespace SessionGen;

/// <summary>One committed turn of a durable session: everything a host needs to carry the session on.</summary>
/// <param name="Process">The process's protocol name (<c>P.SessionDefinition.ProtocolName</c>).</param>
/// <param name="Id">The session.</param>
/// <param name="Version">1 for the session's first record, one more for each next one (see <see cref="ISessionStore"/>).</param>
/// <param name="Ended">True once the session has ended: it must never run again, and its keys no longer route to it.</param>
/// <param name="Data">The session as the host encodes it (fields, protocol state, pending timeouts, recent events, handled message ids); opaque to stores.</param>
/// <param name="Keys">The correlation keys the session holds, which <see cref="ISessionStore.FindAsync"/> looks up.</param>
/// <param name="WakeUpAt">When the session's earliest pending timeout is due, or <see langword="null"/> when it has none.</param>
public sealed record SessionRecord(
    string Process,
    SessionId Id,
    long Version,
    bool Ended,
    ReadOnlyMemory<byte> Data,
    IReadOnlyList<CorrelationKey> Keys,
    DateTimeOffset? WakeUpAt);
