namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A store that counts the records read from it.</summary>
internal sealed class CountingReadsStore : ISessionStore
{
    private readonly ISessionStore inner;
    private int reads;

    public CountingReadsStore(ISessionStore inner)
    {
        this.inner = inner;
    }

    public int Reads => Volatile.Read(ref reads);

    public ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken) => inner.WriteAsync(record, cancellationToken);

    public async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        await Task.Yield(); // the read takes a while: concurrent senders must share it
        return await inner.ReadAsync(process, id, cancellationToken);
    }

    public ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken) => inner.FindAsync(process, key, cancellationToken);

    public IAsyncEnumerable<SessionWakeUp> ReadWakeUpsAsync(CancellationToken cancellationToken) => inner.ReadWakeUpsAsync(cancellationToken);
}
