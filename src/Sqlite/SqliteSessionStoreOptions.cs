namespace SessionGen;

/// <summary>How durable a committed transaction of a <see cref="SqliteSessionStore"/> is (SQLite's <c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// <c>synchronous=FULL</c>, the default: every commit is flushed to the disk (fsync of the write-ahead log) before
    /// the writes in it complete, so an acknowledged write survives a power loss or an operating-system crash.
    /// </summary>
    Full,

    /// <summary>
    /// <c>synchronous=NORMAL</c>: the write-ahead log is flushed only at checkpoints. An acknowledged write survives the
    /// application's crash, but the last commits can be lost when the machine loses power or the operating system crashes.
    /// </summary>
    Normal,
}

/// <summary>Settings of a <see cref="SqliteSessionStore"/>.</summary>
public sealed class SqliteSessionStoreOptions
{
    private int maxBatchSize = 1_000;

    /// <summary>The durability of each commit; <see cref="SqliteSynchronousMode.Full"/> unless set.</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>
    /// The most writes committed in one transaction (1,000 unless set; at least 1). The writer never waits to fill a
    /// batch: it takes whatever is queued when it is free, up to this many.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxBatchSize
    {
        get => maxBatchSize;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxBatchSize = value;
        }
    }
}
