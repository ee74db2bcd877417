namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A store whose writes wait until the test opens the gate, or fail when the test says so.</summary>
internal sealed class GatedStore : RecordingStore
{
    private TaskCompletionSource gate = NewGate();
    private TaskCompletionSource writeStarted = NewGate();

    public GatedStore(ISessionStore inner)
        : base(inner)
    {
    }

    /// <summary>When set, every write fails with it (after the gate opens) and stores nothing.</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, only the next write fails with <see cref="Failure"/>; the ones after it succeed.</summary>
    public bool FailOnce { get; set; }

    public bool Closed { get; private set; }

    /// <summary>Completes when a write has reached the closed gate (since the last <see cref="Close"/>).</summary>
    public Task WriteStarted => writeStarted.Task;

    public void Close()
    {
        gate = NewGate();
        writeStarted = NewGate();
        Closed = true;
    }

    public void Open()
    {
        Closed = false;
        gate.TrySetResult();
    }

    public override async ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        if (Closed)
        {
            writeStarted.TrySetResult();
            await gate.Task;
        }

        if (Failure is { } failure)
        {
            if (FailOnce)
            {
                Failure = null;
            }

            throw failure;
        }

        await base.WriteAsync(record, cancellationToken);
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
