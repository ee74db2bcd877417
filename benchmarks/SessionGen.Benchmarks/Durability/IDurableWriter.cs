namespace SessionGen.Benchmarks.Durability;

/// <summary>What the durable-write workload drives: a write that completes once it is committed to the disk.</summary>
public interface IDurableWriter : IAsyncDisposable
{
    /// <summary>Stores <paramref name="record"/>; completes once its transaction has committed.</summary>
    ValueTask WriteAsync(SessionRecord record);
}

/// <summary>(c) <see cref="SqliteSessionStore"/> with its defaults (WAL, synchronous=FULL, batches of up to 1,000).</summary>
public sealed class StoreWriter(string path) : IDurableWriter
{
    private readonly SqliteSessionStore store = new($"Data Source={path}");

    /// <inheritdoc/>
    public ValueTask WriteAsync(SessionRecord record) => store.WriteAsync(record, CancellationToken.None);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => store.DisposeAsync();
}
