namespace SessionGen;

// The subscription's buffer: a ring of events and the readers waiting for the next one, under one small lock. It
// replaces a Channel<SessionEvent>: a delivery touches this object, its ring and at most one waiting reader (the
// reader itself is the thread-pool work item that wakes it), which matters when tens of thousands of subscriptions
// are each written a few times a second and every touch is a cache miss.
public sealed partial class SessionSubscription
{
    // Delivery holds the session's publish lock, then this one; nothing holding this one takes another lock or runs
    // a reader's code.
    private readonly object gate = new();

    private SessionEvent?[] ring = new SessionEvent?[4];
    private int head;
    private int count;

    // Set once, by the first end (session end, dispose, overflow): what is held stays readable, then the end shows.
    private bool ended;
    private Exception? fault;

    // The readers waiting for an event (usually none or one), linked through SubscriptionReader.NextWaiting.
    private SubscriptionReader? waiting;

    /// <summary>How many events are buffered and not yet read (replayed ones included).</summary>
    internal int BufferedCount
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>True once it has ended and every event it held has been read: <see cref="EndFault"/> says how.</summary>
    internal bool IsDrainedLocked => count == 0 && ended;

    /// <summary>The fault it ended with (null: the session ended, or it was disposed); read after <see cref="IsDrainedLocked"/>.</summary>
    internal Exception? EndFault => fault;

    /// <summary>The lock of the buffer, for <see cref="SubscriptionReader"/>.</summary>
    internal object Gate => gate;

    /// <summary>Takes the oldest event; under the gate.</summary>
    internal bool TryTakeLocked([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionEvent? @event)
    {
        if (count == 0)
        {
            @event = null;
            return false;
        }

        @event = ring[head]!;
        ring[head] = null;
        head = (head + 1) & (ring.Length - 1);
        count--;

        // replayedThrough is final before the subscription is handed to its reader (it is set while it is opened).
        if (@event.Sequence > replayedThrough)
        {
            unread--;
        }

        return true;
    }

    /// <summary>Waits for the next event or the end; under the gate, with nothing to take and not ended.</summary>
    internal void WaitLocked(SubscriptionReader reader)
    {
        reader.NextWaiting = waiting;
        waiting = reader;
    }

    /// <summary>Stops <paramref name="reader"/> waiting; false when it was not waiting (something already woke it).</summary>
    internal bool StopWaitingLocked(SubscriptionReader reader)
    {
        ref SubscriptionReader? link = ref waiting;
        while (link is not null)
        {
            if (ReferenceEquals(link, reader))
            {
                link = reader.NextWaiting;
                reader.NextWaiting = null;
                return true;
            }

            link = ref link.NextWaiting;
        }

        return false;
    }

    private void AddLocked(SessionEvent @event)
    {
        if (count == ring.Length)
        {
            // Full ring (the bound is kept by counting, not by the ring's size: replayed events take no room).
            var larger = new SessionEvent?[ring.Length * 2];
            for (int i = 0; i < count; i++)
            {
                larger[i] = ring[(head + i) & (ring.Length - 1)];
            }

            ring = larger;
            head = 0;
        }

        ring[(head + count) & (ring.Length - 1)] = @event;
        count++;
    }

    /// <summary>Ends it unless it has ended already; returns the readers to wake.</summary>
    private SubscriptionReader? EndLocked(Exception? reason)
    {
        if (ended)
        {
            return null;
        }

        ended = true;
        fault = reason;
        return TakeReadersLocked();
    }

    private SubscriptionReader? TakeReadersLocked()
    {
        SubscriptionReader? readers = waiting;
        waiting = null;
        return readers;
    }

    /// <summary>Wakes the readers taken from the waiting list, each on the thread pool (never on the delivering turn).</summary>
    private static void Wake(SubscriptionReader? readers)
    {
        while (readers is not null)
        {
            SubscriptionReader? next = readers.NextWaiting;
            readers.NextWaiting = null;
            ThreadPool.UnsafeQueueUserWorkItem(readers, preferLocal: false);
            readers = next;
        }
    }
}
