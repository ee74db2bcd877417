namespace SessionGen;

/// <summary>
/// One queued write of a store that commits in batches (<c>SqliteSessionStore</c>, <c>PostgreSqlSessionStore</c>;
/// compiled into each, linked from src/Shared): the record, the task its caller awaits (continuations
/// run on the thread pool, never on the writer's thread) and whether it was taken into a batch or cancelled first.
/// </summary>
internal sealed class PendingWrite
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration registration;
    private int state;

    public PendingWrite(SessionRecord record) => Record = record;

    public SessionRecord Record { get; }

    public Task Task => completion.Task;

    /// <summary>Set by the writer for a record refused inside a batch; reported once the batch has committed.</summary>
    public SessionStoreConflictException? Conflict { get; set; }

    /// <summary>Cancels the write if <paramref name="cancellationToken"/> fires while it is still queued. Called before it is queued.</summary>
    public void CancelWith(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            registration = cancellationToken.UnsafeRegister(
                static (write, token) => ((PendingWrite)write!).Cancel(token),
                this);
        }
    }

    /// <summary>The writer takes the write into a batch; false when it was cancelled first (then it must be skipped).</summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref state, Taken, Queued) != Queued)
        {
            return false;
        }

        registration.Unregister();
        return true;
    }

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception)
    {
        registration.Unregister();
        completion.TrySetException(exception);
    }

    private void Cancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
        {
            completion.TrySetCanceled(cancellationToken);
        }
    }
}
