namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A store whose record reads wait at a gate the test closes and opens, and whose next write can be held and made to
/// fail: a test can have a session leave memory (a failed write) while senders wait for its next load.
/// </summary>
internal sealed class ReloadGatedStore : RecordingStore
{
    private readonly object sync = new();
    private TaskCompletionSource reads = Open();
    private TaskCompletionSource writes = Open();
    private TaskCompletionSource writeStarted = NewGate();
    private TaskCompletionSource readStarted = NewGate();
    private int readCount;

    public ReloadGatedStore(ISessionStore inner)
        : base(inner)
    {
    }

    /// <summary>When set, every read fails with it (once its gate opens).</summary>
    public Exception? FailReads { get; set; }

    /// <summary>When set, reads find nothing, as if the session had ended and been removed elsewhere.</summary>
    public bool ReadsFindNothing { get; set; }

    /// <summary>How many reads have begun.</summary>
    public int ReadCount => Volatile.Read(ref readCount);

    /// <summary>Completes once a read has reached the closed read gate (since the last <see cref="CloseReads"/>).</summary>
    public Task ReadStarted
    {
        get
        {
            lock (sync)
            {
                return readStarted.Task;
            }
        }
    }

    /// <summary>Completes once a write has reached the closed write gate (since the last <see cref="CloseWrites"/>).</summary>
    public Task WriteStarted
    {
        get
        {
            lock (sync)
            {
                return writeStarted.Task;
            }
        }
    }

    public void CloseReads()
    {
        lock (sync)
        {
            reads = NewGate();
            readStarted = NewGate();
        }
    }

    public void OpenReads()
    {
        lock (sync)
        {
            reads.TrySetResult();
        }
    }

    public void CloseWrites()
    {
        lock (sync)
        {
            writes = NewGate();
            writeStarted = NewGate();
        }
    }

    public void OpenWrites()
    {
        lock (sync)
        {
            writes.TrySetResult();
        }
    }

    public override async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref readCount);
        Task gate;
        lock (sync)
        {
            readStarted.TrySetResult();
            gate = reads.Task;
        }

        await gate;
        if (FailReads is { } failure)
        {
            throw failure;
        }

        return ReadsFindNothing ? null : await base.ReadAsync(process, id, cancellationToken);
    }

    public override async ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        Task gate;
        lock (sync)
        {
            writeStarted.TrySetResult();
            gate = writes.Task;
        }

        await gate;
        if (Interlocked.Exchange(ref failNext, null) is { } failure)
        {
            throw failure;
        }

        await base.WriteAsync(record, cancellationToken);
    }

    private Exception? failNext;

    /// <summary>The next write fails with <paramref name="failure"/> (once its gate opens) and stores nothing.</summary>
    public void FailNext(Exception failure) => Volatile.Write(ref failNext, failure);

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource Open()
    {
        TaskCompletionSource open = NewGate();
        open.SetResult();
        return open;
    }
}
