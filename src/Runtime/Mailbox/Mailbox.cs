namespace SessionGen;

/// <summary>
/// A session's queue: many producers, one consumer (the session's turn). A value inside the session, not an
/// object of its own, and not thread-safe: the session holds its gate (a <see cref="SpinGate"/>) around every
/// call. This part is admission: the bound on queued messages (with a capacity, an item offered to a full queue is
/// refused or, in wait mode, parked in a second list and moved into the queue, in arrival order, as places free up),
/// the end, and the "scheduled" flag. The flag lives under the same gate as the queue, so exactly one producer
/// schedules an idle session and the consumer clears it only when it finds nothing to run: no lost wake-ups, no
/// double scheduling. The entries themselves are kept by an <see cref="EntryRing"/>; the protocol's selective
/// receive is in <c>Mailbox.SelectiveReceive.cs</c>.
/// </summary>
internal partial struct Mailbox
{
    // The session's gate lives here, declared before the ring so that the runtime lays it out beside the ring's indices
    // and this struct's flags: a post takes the gate and writes the flags and indices, and kept apart (the gate was a
    // field of the session after the mailbox, the ring's 24 B inline slot between them) they spanned 56 bytes, so most
    // posts touched two of the session's cache lines where one suffices (oneway7). Still the session's gate: the
    // session holds it around every call here (SessionContext.MailboxGate), the mailbox never takes it itself.
    internal SpinGate Gate;

    private EntryRing queue;
    private WaitingItems? waiting;
    private bool scheduled;
    private bool closed;

    // One-way entries the turn took with the one it runs (TakeRun) and has not run yet: they keep their places against
    // the capacity until the turn comes back for more, goes idle or puts them back, so putting them back never makes the
    // queue exceed its bound. Written only by the turn (under the gate), so the turn may read it without the gate.
    private int taken;

    // Set when the host's drain marker is queued: senders' messages are refused from then on (the host is
    // stopping), while the runtime's own items (timeouts) still go in ahead of the end.
    private bool refusesMessages;

    /// <summary>Entries queued, not counting the one running nor those waiting for room.</summary>
    public readonly int Count => queue.Count;

    /// <summary>Whether a turn holds the session (running, awaiting its handler, or queued to run).</summary>
    public readonly bool IsScheduled => scheduled;

    /// <summary>Whether the turn holds places for entries it took and has not run (read by the turn itself, without the gate).</summary>
    public readonly bool HoldsTakenPlaces => taken != 0;

    /// <summary>Offers an entry to the queue.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="capacity">The most entries queued at once; 0 for no bound.</param>
    /// <param name="whenFull">What to do if the queue is full; null for the runtime's own items, which always go in.</param>
    /// <param name="mustSchedule">True when the caller must start the session's turn.</param>
    public EnqueueResult TryEnqueue(in MailboxEntry entry, int capacity, MailboxFullMode? whenFull, out bool mustSchedule)
    {
        mustSchedule = false;
        if (closed || (refusesMessages && whenFull is not null))
        {
            return EnqueueResult.Closed;
        }

        // Once anyone waits, newcomers wait behind them, so arrival order holds.
        if (whenFull is { } mode && capacity > 0 && (queue.Count + taken >= capacity || waiting is { Count: > 0 }))
        {
            // Only an awaited request can wait for room; a one-way message is refused like in fail-fast mode.
            if (mode == MailboxFullMode.FailFast || entry.Item is not { } item)
            {
                return EnqueueResult.Full;
            }

            item.Place = ItemPlace.Waiting;
            (waiting ??= new WaitingItems()).AddLast(item);
            return EnqueueResult.Waiting;
        }

        queue.Append(entry);
        mustSchedule = TrySchedule();
        return EnqueueResult.Accepted;
    }

    /// <summary>
    /// Queues the host's drain marker: everything accepted so far runs before it, and no sender's message is
    /// accepted after it, so none can end up queued behind the end of the session.
    /// </summary>
    public EnqueueResult TryEnqueueDrainMarker(in MailboxEntry marker, out bool mustSchedule, out MailboxItem[] turnedAway)
    {
        EnqueueResult result = TryEnqueue(marker, capacity: 0, whenFull: null, out mustSchedule);
        refusesMessages = true;

        // Senders still waiting for room were never accepted: they are turned away now (the host is stopping),
        // rather than admitted behind the marker and then answered as if their session had ended.
        turnedAway = TakeWaiting();
        return result;
    }

    /// <summary>Takes the first entry, or returns false and marks the session idle.</summary>
    public bool TryDequeue(int capacity, out MailboxEntry entry)
    {
        if (!queue.TryTakeFirst(out entry))
        {
            GoIdle();
            return false;
        }

        AdmitWaiting(capacity);
        return true;
    }

    /// <summary>
    /// Takes the first entry and, when it is a one-way message, the one-way messages right behind it, up to the
    /// length of <paramref name="into"/>: one lock for a run of messages nobody can withdraw. Returns how many
    /// were taken; 0 marks the session idle.
    /// </summary>
    public int TakeRun(int capacity, Span<MailboxEntry> into)
    {
        taken = 0; // the previous run has been run or put back
        if (!TryDequeue(capacity, out into[0]))
        {
            return 0;
        }

        if (into[0].OneWay is null)
        {
            return 1;
        }

        int count = 1 + queue.TakeOneWayRun(into[1..]);
        taken = count - 1;
        queue.SkipEmptyHead();
        AdmitWaiting(capacity);
        return count;
    }

    /// <summary>
    /// Puts entries taken by <see cref="TakeRun"/> but not run back at the head of the queue, in order; false
    /// when the mailbox has closed meanwhile, and the caller must answer them.
    /// </summary>
    public bool PutBack(ReadOnlySpan<MailboxEntry> entries)
    {
        taken = 0; // the entries go back to the places they kept (fewer or as many), so the bound holds
        if (closed)
        {
            return false;
        }

        queue.PushFront(entries);
        return true;
    }

    /// <summary>Marks the session idle if nothing is queued; false when entries wait and the turn must go on.</summary>
    public bool TryGoIdle()
    {
        taken = 0; // the turn has run or put back everything it took
        if (queue.Count > 0)
        {
            return false;
        }

        GoIdle();
        return true;
    }

    /// <summary>
    /// Removes an item that has not started; returns where it was (<see cref="ItemPlace.None"/> if gone already).
    /// <paramref name="mustSchedule"/>: the room it freed admitted a waiting sender into an idle mailbox (one idle
    /// with held messages, under a protocol), and the caller must start the session's turn.
    /// </summary>
    public ItemPlace TryRemove(MailboxItem item, int capacity, out bool mustSchedule)
    {
        mustSchedule = false;
        ItemPlace place = item.Place;
        if (place == ItemPlace.Queued)
        {
            for (int offset = 0; offset < queue.Span; offset++)
            {
                if (queue.At(offset).Holds(item))
                {
                    queue.TakeAt(offset);
                    queue.SkipEmptyHead();
                    AdmitWaiting(capacity);
                    break;
                }
            }
        }
        else if (place == ItemPlace.Waiting)
        {
            waiting!.Remove(item);
        }

        item.Place = ItemPlace.None;
        if (queue.Count > 0 && !closed)
        {
            mustSchedule = TrySchedule();
        }

        return place;
    }

    /// <summary>
    /// Closes the mailbox if nothing runs, nothing is queued and nobody waits: the session can then leave memory with
    /// nothing to answer, and no turn can start any more. False (and nothing changes) otherwise.
    /// </summary>
    public bool TryCloseIfIdle()
    {
        if (scheduled || closed || queue.Count > 0 || waiting is { Count: > 0 })
        {
            return false;
        }

        closed = true;
        return true;
    }

    /// <summary>Closes the mailbox for good and hands back what was queued and the items that were waiting, each in order.</summary>
    public (MailboxEntry[] Queued, MailboxItem[] Waiting) Close()
    {
        closed = true;
        return (queue.Clear(), TakeWaiting());
    }

    /// <summary>Claims the turn for the caller when nobody holds it; true when the caller must start it.</summary>
    private bool TrySchedule()
    {
        if (scheduled)
        {
            return false;
        }

        scheduled = true;
        return true;
    }

    private void GoIdle()
    {
        scheduled = false;
        queue.TrimIfEmpty();
    }

    private void AdmitWaiting(int capacity)
    {
        while (waiting is { Count: > 0 } && queue.Count + taken < capacity)
        {
            MailboxItem next = waiting.First!;
            waiting.Remove(next);
            queue.Append(new MailboxEntry(next));
        }
    }

    private MailboxItem[] TakeWaiting()
    {
        if (waiting is not { Count: > 0 })
        {
            return [];
        }

        var parked = new List<MailboxItem>(waiting.Count);
        waiting.DrainInto(parked);
        foreach (MailboxItem item in parked)
        {
            item.Place = ItemPlace.None;
        }

        return [.. parked];
    }
}
