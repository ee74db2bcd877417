namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A store whose reads wait until the test opens the gate (HostileDurabilityTests).</summary>
internal sealed class GatedReadsStore : RecordingStore
{
    private readonly ISessionStore inner;
    private TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int reads;

    public GatedReadsStore(ISessionStore inner)
        : base(inner)
    {
        this.inner = inner;
    }

    public bool Closed { get; private set; }

    public int Reads => Volatile.Read(ref reads);

    public void Close()
    {
        gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Closed = true;
    }

    public void Open()
    {
        Closed = false;
        gate.TrySetResult();
    }

    public override async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        if (Closed)
        {
            await gate.Task;
        }

        return await inner.ReadAsync(process, id, cancellationToken);
    }
}

/// <summary>A store with a bug: it hands out the record kept under another process or id than the one asked for.</summary>
internal sealed class MisroutingStore : RecordingStore
{
    private readonly ISessionStore inner;
    private readonly Func<string, SessionId, (string Process, SessionId Id)> redirect;

    public MisroutingStore(ISessionStore inner, Func<string, SessionId, (string Process, SessionId Id)> redirect)
        : base(inner)
    {
        this.inner = inner;
        this.redirect = redirect;
    }

    public override ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        (string readProcess, SessionId readId) = redirect(process, id);
        return inner.ReadAsync(readProcess, readId, cancellationToken);
    }
}

/// <summary>A store whose writes throw before returning (no ValueTask at all) while <see cref="Failing"/> is set.</summary>
internal sealed class SynchronouslyThrowingStore : RecordingStore
{
    public SynchronouslyThrowingStore(ISessionStore inner)
        : base(inner)
    {
    }

    public bool Failing { get; set; }

    public override ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken) =>
        Failing ? throw new IOException("the disk is gone") : base.WriteAsync(record, cancellationToken);
}

/// <summary>A store whose key look-ups complete later, as a database's do.</summary>
internal sealed class SlowFindStore : RecordingStore
{
    private readonly ISessionStore inner;

    public SlowFindStore(ISessionStore inner)
        : base(inner)
    {
        this.inner = inner;
    }

    public override async ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.FindAsync(process, key, cancellationToken);
    }

    public override async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await inner.ReadAsync(process, id, cancellationToken);
    }
}
