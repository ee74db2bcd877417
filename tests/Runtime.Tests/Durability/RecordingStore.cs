namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A store that passes everything on and remembers each record written.</summary>
internal class RecordingStore : ISessionStore
{
    private readonly ISessionStore inner;
    private readonly List<SessionRecord> written = new();

    public RecordingStore(ISessionStore inner)
    {
        this.inner = inner;
    }

    public IReadOnlyList<SessionRecord> Written
    {
        get
        {
            lock (written)
            {
                return [.. written];
            }
        }
    }

    public virtual async ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(record, cancellationToken);
        lock (written)
        {
            written.Add(record);
        }
    }

    public virtual ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken) =>
        inner.ReadAsync(process, id, cancellationToken);

    public virtual ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken) =>
        inner.FindAsync(process, key, cancellationToken);

    public IAsyncEnumerable<SessionWakeUp> ReadWakeUpsAsync(CancellationToken cancellationToken) => inner.ReadWakeUpsAsync(cancellationToken);
}
