namespace SessionGen;

/// <summary>
/// Where the sessions of durable processes (<see cref="SessionProcessAttribute.Durable"/>) live between turns, across
/// restarts and across hosts. The host writes one <see cref="SessionRecord"/> per turn and reads it back when the
/// session is needed again; it never asks a store to interpret <see cref="SessionRecord.Data"/>.
/// </summary>
/// <remarks>
/// <para>
/// Implementations must be safe to call from many threads at once. <see cref="WriteAsync"/> completes only once the
/// record is durable: the host answers the turn's caller after that, never before. A store should batch concurrent
/// writes of many sessions into one transaction (group commit), so that throughput does not pay one flush per message.
/// </para>
/// <para>
/// <see cref="SessionRecord.Version"/> is 1 for a session's first record and one more for each next one. A store keeps
/// the newest record and refuses one whose version is not one more than the stored one (or not 1 for a new session)
/// with <see cref="SessionStoreConflictException"/>: two hosts writing one session is a bug that must not pass silently.
/// </para>
/// <para>
/// A store implements four operations: <c>SqliteSessionStore</c> (package SessionGen.Sqlite) is the embedded default,
/// <c>PostgreSqlSessionStore</c> (package SessionGen.PostgreSql) the one the processes of a cluster share, and
/// <see cref="InMemorySessionStore"/> keeps records for the lifetime of the object, for tests.
/// </para>
/// </remarks>
public interface ISessionStore
{
    /// <summary>Stores <paramref name="record"/> durably, replacing the session's previous record.</summary>
    /// <exception cref="SessionStoreConflictException">The record's version does not follow the stored one.</exception>
    ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken);

    /// <summary>The newest record of session <paramref name="id"/> of process <paramref name="process"/>, or <see langword="null"/> when none was written.</summary>
    ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken);

    /// <summary>
    /// The session of process <paramref name="process"/> whose newest record lists <paramref name="key"/> among its
    /// <see cref="SessionRecord.Keys"/> and is not <see cref="SessionRecord.Ended"/>, or <see langword="null"/>.
    /// </summary>
    ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken);

    /// <summary>Every session whose newest record has a <see cref="SessionRecord.WakeUpAt"/>: what a restarted host must re-arm.</summary>
    IAsyncEnumerable<SessionWakeUp> ReadWakeUpsAsync(CancellationToken cancellationToken);
}
