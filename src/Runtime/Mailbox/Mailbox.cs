namespace SessionGen;

/// <summary>
/// A session's queue: many producers, one consumer (the session's turn). The "scheduled" flag lives
/// under the same lock as the queue, so exactly one producer schedules an idle session and the consumer
/// clears it only when it finds the queue empty: no lost wake-ups, no double scheduling.
/// With a capacity, an item offered to a full queue is refused or, in wait mode, parked in a second list
/// and moved into the queue, in arrival order, as places free up.
/// </summary>
internal sealed class Mailbox
{
    private readonly int capacity;
    private ItemList queued;
    private ItemList waiting;
    private bool scheduled;
    private bool closed;

    /// <param name="capacity">The most items queued at once; 0 for no bound.</param>
    public Mailbox(int capacity = 0)
    {
        this.capacity = capacity;
    }

    /// <summary>Items queued, not counting the one running nor those waiting for room.</summary>
    public int Count
    {
        get
        {
            lock (this)
            {
                return queued.Count;
            }
        }
    }

    /// <summary>Offers <paramref name="item"/> to the queue.</summary>
    /// <param name="item">The item.</param>
    /// <param name="whenFull">What to do if the queue is full; null for the runtime's own items, which always go in.</param>
    /// <param name="mustSchedule">True when the caller must schedule the session's turn.</param>
    public EnqueueResult TryEnqueue(MailboxItem item, MailboxFullMode? whenFull, out bool mustSchedule)
    {
        lock (this)
        {
            mustSchedule = false;
            if (closed)
            {
                return EnqueueResult.Closed;
            }

            // Once anyone waits, newcomers wait behind them, so arrival order holds.
            if (whenFull is { } mode && capacity > 0 && (queued.Count >= capacity || waiting.Count > 0))
            {
                if (mode == MailboxFullMode.FailFast)
                {
                    return EnqueueResult.Full;
                }

                item.Place = ItemPlace.Waiting;
                waiting.AddLast(item);
                return EnqueueResult.Waiting;
            }

            item.Place = ItemPlace.Queued;
            queued.AddLast(item);
            if (!scheduled)
            {
                scheduled = true;
                mustSchedule = true;
            }

            return EnqueueResult.Accepted;
        }
    }

    /// <summary>Takes the first item, or returns null and marks the session idle.</summary>
    public MailboxItem? TryDequeue()
    {
        lock (this)
        {
            MailboxItem? item = queued.First;
            if (item is null)
            {
                scheduled = false;
                return null;
            }

            Take(item);
            return item;
        }
    }

    /// <summary>Marks the session idle if nothing is queued; false when items wait and the turn must go on.</summary>
    public bool TryGoIdle()
    {
        lock (this)
        {
            if (queued.Count > 0)
            {
                return false;
            }

            scheduled = false;
            return true;
        }
    }

    /// <summary>
    /// Takes the first item accepted in the current protocol state (<paramref name="acceptedNow"/>), leaving the
    /// others held in order; items <paramref name="refuse"/> picks are removed and chained (through
    /// <see cref="MailboxItem.Next"/>) into <paramref name="refused"/>, for the caller to answer outside the lock.
    /// Returns null and marks the session idle when nothing can run now.
    /// </summary>
    public MailboxItem? TryDequeue(ulong acceptedNow, Func<MailboxItem, bool> refuse, out MailboxItem? refused)
    {
        refused = null;
        MailboxItem? lastRefused = null;
        lock (this)
        {
            MailboxItem? item = queued.First;
            while (item is not null)
            {
                MailboxItem? next = item.Next;
                if ((item.AcceptedStates & acceptedNow) != 0)
                {
                    Take(item);
                    return item;
                }

                if (refuse(item))
                {
                    Take(item);
                    if (lastRefused is null)
                    {
                        refused = item;
                    }
                    else
                    {
                        lastRefused.Next = item;
                    }

                    lastRefused = item;
                }

                item = next;
            }

            scheduled = false;
            return null;
        }
    }

    private void Take(MailboxItem item)
    {
        queued.Remove(item);
        item.Place = ItemPlace.None;
        AdmitWaiting();
    }

    /// <summary>Removes an item that has not started; returns where it was (<see cref="ItemPlace.None"/> if gone already).</summary>
    public ItemPlace TryRemove(MailboxItem item)
    {
        lock (this)
        {
            ItemPlace place = item.Place;
            if (place == ItemPlace.Queued)
            {
                queued.Remove(item);
                AdmitWaiting();
            }
            else if (place == ItemPlace.Waiting)
            {
                waiting.Remove(item);
            }

            item.Place = ItemPlace.None;
            return place;
        }
    }

    /// <summary>Closes the mailbox for good and hands back what was queued and what was waiting, each in order.</summary>
    public (List<MailboxItem> Queued, List<MailboxItem> Waiting) Close()
    {
        lock (this)
        {
            closed = true;
            var rest = new List<MailboxItem>(queued.Count);
            var parked = new List<MailboxItem>(waiting.Count);
            queued.DrainInto(rest);
            waiting.DrainInto(parked);
            foreach (MailboxItem item in rest)
            {
                item.Place = ItemPlace.None;
            }

            foreach (MailboxItem item in parked)
            {
                item.Place = ItemPlace.None;
            }

            return (rest, parked);
        }
    }

    private void AdmitWaiting()
    {
        while (waiting.Count > 0 && queued.Count < capacity)
        {
            MailboxItem next = waiting.First!;
            waiting.Remove(next);
            next.Place = ItemPlace.Queued;
            queued.AddLast(next);
        }
    }
}
