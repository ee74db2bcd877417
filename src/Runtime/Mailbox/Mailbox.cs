namespace SessionGen;

/// <summary>
/// A session's queue: many producers, one consumer (the session's turn). The "scheduled" flag lives
/// under the same lock as the queue, so exactly one producer schedules an idle session and the consumer
/// clears it only when it finds the queue empty: no lost wake-ups, no double scheduling.
/// With a capacity, senders that find it full either fail or wait in arrival order; a freed place is
/// handed to the first waiter (reserved for it), so a newcomer can never overtake a waiting sender.
/// </summary>
internal sealed class Mailbox
{
    private readonly int capacity;
    private readonly LinkedList<TaskCompletionSource>? waiters;
    private MailboxItem? head;
    private MailboxItem? tail;
    private int count;
    private int reserved;
    private bool scheduled;
    private bool closed;

    /// <param name="capacity">The most messages queued at once; 0 for no bound.</param>
    public Mailbox(int capacity = 0)
    {
        this.capacity = capacity;
        waiters = capacity > 0 ? new LinkedList<TaskCompletionSource>() : null;
    }

    /// <summary>Items waiting, not counting the one running.</summary>
    public int Count => Volatile.Read(ref count);

    public int Capacity => capacity;

    /// <summary>Appends <paramref name="item"/>.</summary>
    /// <param name="item">The item to append.</param>
    /// <param name="bypassCapacity">True for the runtime's own items (timeouts, markers), which are never refused for room.</param>
    /// <param name="holdsReservation">True for a sender that was woken with a place reserved for it.</param>
    /// <param name="mustSchedule">True when the caller must schedule the session's turn.</param>
    public EnqueueResult TryEnqueue(MailboxItem item, bool bypassCapacity, bool holdsReservation, out bool mustSchedule)
    {
        lock (this)
        {
            mustSchedule = false;
            if (closed)
            {
                if (holdsReservation)
                {
                    reserved--;
                }

                return EnqueueResult.Closed;
            }

            if (holdsReservation)
            {
                reserved--;
            }
            else if (!bypassCapacity && capacity > 0 && (count + reserved >= capacity || waiters!.Count > 0))
            {
                return EnqueueResult.Full;
            }

            item.Next = null;
            item.Previous = tail;
            item.IsQueued = true;
            if (tail is null)
            {
                head = item;
            }
            else
            {
                tail.Next = item;
            }

            tail = item;
            count++;
            if (!scheduled)
            {
                scheduled = true;
                mustSchedule = true;
            }

            return EnqueueResult.Accepted;
        }
    }

    /// <summary>Waits until a place is reserved for the caller; then it must enqueue with <c>holdsReservation</c>.</summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource> node;
        lock (this)
        {
            if (closed || count + reserved < capacity && waiters!.Count == 0)
            {
                reserved++;
                return;
            }

            node = waiters!.AddLast(waiter);
        }

        using (cancellationToken.UnsafeRegister(static state => ((TaskCompletionSource)state!).TrySetCanceled(), waiter))
        {
            try
            {
                await waiter.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancellation won the race against a wake-up, so no place was reserved for this waiter.
                lock (this)
                {
                    if (node.List is not null)
                    {
                        waiters!.Remove(node);
                    }
                }

                throw new OperationCanceledException(cancellationToken);
            }
        }
    }

    /// <summary>Takes the first item, or returns null and marks the session idle.</summary>
    public MailboxItem? TryDequeue()
    {
        lock (this)
        {
            MailboxItem? item = head;
            if (item is null)
            {
                scheduled = false;
                return null;
            }

            Unlink(item);
            return item;
        }
    }

    /// <summary>Removes an item that has not started yet; false when it already left the queue.</summary>
    public bool TryRemove(MailboxItem item)
    {
        lock (this)
        {
            if (!item.IsQueued)
            {
                return false;
            }

            Unlink(item);
            return true;
        }
    }

    /// <summary>Closes the mailbox for good and hands back what was still queued, in order.</summary>
    public List<MailboxItem> Close()
    {
        lock (this)
        {
            closed = true;
            var rest = new List<MailboxItem>(count);
            while (head is not null)
            {
                MailboxItem item = head;
                Unlink(item);
                rest.Add(item);
            }

            // Waiting senders wake up, find the mailbox closed and answer their callers.
            while (waiters is { Count: > 0 })
            {
                TaskCompletionSource waiter = waiters.First!.Value;
                waiters.RemoveFirst();
                if (waiter.TrySetResult())
                {
                    reserved++;
                }
            }

            return rest;
        }
    }

    private void Unlink(MailboxItem item)
    {
        if (item.Previous is null)
        {
            head = item.Next;
        }
        else
        {
            item.Previous.Next = item.Next;
        }

        if (item.Next is null)
        {
            tail = item.Previous;
        }
        else
        {
            item.Next.Previous = item.Previous;
        }

        item.Next = null;
        item.Previous = null;
        item.IsQueued = false;
        count--;
        if (waiters is { Count: > 0 })
        {
            HandRoomToWaiters();
        }
    }

    private void HandRoomToWaiters()
    {
        while (waiters!.Count > 0 && count + reserved < capacity)
        {
            TaskCompletionSource waiter = waiters.First!.Value;
            waiters.RemoveFirst();
            if (waiter.TrySetResult())
            {
                reserved++;
            }
        }
    }
}
