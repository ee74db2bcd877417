using System.Threading.Tasks.Sources;

namespace SessionGen;

/// <summary>
/// One reader of a <see cref="SessionSubscription"/> (an <c>await foreach</c>, or one <c>ReadAsync</c> that had to wait):
/// the enumerator, the completion its <see cref="MoveNextAsync"/> returns, and the thread-pool work item that wakes it.
/// Woken, it takes the next event itself before resuming its awaiter, so a wake-up costs one work item and no
/// allocation; when another reader took the event first it simply waits again.
/// </summary>
internal sealed class SubscriptionReader : IAsyncEnumerator<SessionEvent>, IValueTaskSource<bool>, IThreadPoolWorkItem
{
    private readonly SessionSubscription subscription;
    private readonly CancellationToken cancellationToken;

    // Completed on the pool thread that runs Execute, which is already off the delivering turn: no second hop.
    private ManualResetValueTaskSourceCore<bool> completion;
    private CancellationTokenRegistration registration;
    private bool registered;

    // True while it hands out events already buffered: as ChannelReader.ReadAllAsync did, the token is looked at
    // before a wait, not between buffered events.
    private bool draining;
    private SessionEvent? current;

    // Under the subscription's gate. pending: a MoveNextAsync waits (in the waiting list, or queued to Execute); a
    // second one meanwhile throws instead of linking this reader twice. abandoned: DisposeAsync came while one waited,
    // so Execute ends that wait with ObjectDisposedException rather than leave it hanging or take an event for it.
    private bool pending;
    private bool abandoned;
    private bool disposed;
    private bool waited;

    public SubscriptionReader(SessionSubscription subscription, CancellationToken cancellationToken)
    {
        this.subscription = subscription;
        this.cancellationToken = cancellationToken;
    }

    /// <summary>The next reader waiting on the same subscription; under the subscription's gate.</summary>
    internal SubscriptionReader? NextWaiting;

    public SessionEvent Current => current!;

    public ValueTask<bool> MoveNextAsync()
    {
        lock (subscription.Gate)
        {
            // Also between Execute clearing pending and completing: the wait is not over until the completion is set.
            if (pending || (waited && completion.GetStatus(completion.Version) == ValueTaskSourceStatus.Pending))
            {
                throw new InvalidOperationException("MoveNextAsync was called before the previous call to it completed.");
            }

            if (disposed)
            {
                return new ValueTask<bool>(false);
            }

            if (!draining && cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            if (subscription.TryTakeLocked(out SessionEvent? next))
            {
                current = next;
                draining = true;
                return new ValueTask<bool>(true);
            }

            draining = false;
            if (subscription.IsDrainedLocked)
            {
                return subscription.EndFault is { } fault ? ValueTask.FromException<bool>(fault) : new ValueTask<bool>(false);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            completion.Reset();
            pending = waited = true;
            subscription.WaitLocked(this);
        }

        if (!registered && cancellationToken.CanBeCanceled)
        {
            // Once per reader; outside the gate, as the callback takes it (and runs at once if the token has fired).
            registered = true;
            registration = cancellationToken.UnsafeRegister(static reader => ((SubscriptionReader)reader!).Cancelled(), this);
        }

        return new ValueTask<bool>(this, completion.Version);
    }

    public ValueTask DisposeAsync()
    {
        bool wake;
        lock (subscription.Gate)
        {
            disposed = true;
            abandoned = pending;

            // Still waiting: nothing else will run Execute, so queue it to end the wait (on the pool, not here). Not
            // waiting but pending: it is already queued, and will see abandoned.
            wake = subscription.StopWaitingLocked(this);
        }

        registration.Dispose();
        if (wake)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return default;
    }

    /// <summary>Woken by a delivery, the end, or the token: takes the event (or the end) and resumes the awaiter here.</summary>
    void IThreadPoolWorkItem.Execute()
    {
        Exception? error = null;
        bool moved;
        lock (subscription.Gate)
        {
            if (!pending)
            {
                return;
            }

            if (abandoned)
            {
                error = new ObjectDisposedException(nameof(IAsyncEnumerator<SessionEvent>), "The enumerator was disposed while its MoveNextAsync waited.");
                moved = false;
            }
            else if (subscription.TryTakeLocked(out SessionEvent? next))
            {
                current = next;
                draining = true;
                moved = true;
            }
            else if (subscription.IsDrainedLocked)
            {
                error = subscription.EndFault;
                moved = false;
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                error = new OperationCanceledException(cancellationToken);
                moved = false;
            }
            else
            {
                // Another reader took the event first: wait for the next one.
                subscription.WaitLocked(this);
                return;
            }

            pending = false;
        }

        if (error is null)
        {
            completion.SetResult(moved);
        }
        else
        {
            completion.SetException(error);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => completion.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => completion.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);

    /// <summary>The token fired: a reader still waiting is woken to throw (on the pool, not on the thread that cancelled).</summary>
    private void Cancelled()
    {
        lock (subscription.Gate)
        {
            if (!subscription.StopWaitingLocked(this))
            {
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }
}
