namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A store whose key look-ups and record reads each wait at a gate the test opens, so a test can send while the host
/// is still asking the store who owns a key, or still loading the owner.
/// </summary>
internal sealed class GatedLookupStore : RecordingStore
{
    private readonly ISessionStore inner;
    private readonly TaskCompletionSource finds = NewGate();
    private readonly TaskCompletionSource reads = NewGate();
    private readonly TaskCompletionSource findStarted = NewGate();
    private readonly TaskCompletionSource readStarted = NewGate();

    public GatedLookupStore(ISessionStore inner)
        : base(inner)
    {
        this.inner = inner;
    }

    /// <summary>Completes once a key look-up has reached its (closed) gate.</summary>
    public Task FindStarted => findStarted.Task;

    /// <summary>Completes once a record read has reached its (closed) gate.</summary>
    public Task ReadStarted => readStarted.Task;

    public void OpenFinds() => finds.TrySetResult();

    public void OpenReads() => reads.TrySetResult();

    public override async ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken)
    {
        findStarted.TrySetResult();
        await finds.Task;
        return await inner.FindAsync(process, key, cancellationToken);
    }

    public override async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        readStarted.TrySetResult();
        await reads.Task;
        return await inner.ReadAsync(process, id, cancellationToken);
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
