using System.Diagnostics.CodeAnalysis;

namespace SessionGen;

/// <summary>
/// A session's queue: many producers, one consumer (the session's turn). A value inside the session, not an
/// object of its own, and not thread-safe: the session holds its gate (a <see cref="SpinGate"/>) around every
/// call. The queue is a ring of <see cref="MailboxEntry"/> slots that starts as one inline slot (an idle session
/// or a request/response conversation never allocates an array) and grows by doubling; it shrinks back when the
/// session goes idle with a large ring. The "scheduled" flag lives under the same gate as the queue, so exactly
/// one producer schedules an idle session and the consumer clears it only when it finds the queue empty: no lost
/// wake-ups, no double scheduling. With a capacity, an item offered to a full queue is refused or, in wait mode,
/// parked in a second list and moved into the queue, in arrival order, as places free up.
/// </summary>
internal struct Mailbox
{
    // A ring up to this length (16 KB) stays when the session goes idle, so steady one-way traffic allocates
    // nothing but its messages; a longer one, left by an unusual burst, is dropped so it does not pin memory.
    private const int RetainedRingLength = 1024;

    private MailboxEntry single;
    private MailboxEntry[]? ring;
    private WaitingItems? waiting;
    private int head;
    private int used;
    private int live;
    private bool scheduled;
    private bool closed;

    // Set when the host's drain marker is queued: senders' messages are refused from then on (the host is
    // stopping), while the runtime's own items (timeouts) still go in ahead of the end.
    private bool refusesMessages;

    /// <summary>Entries queued, not counting the one running nor those waiting for room.</summary>
    public readonly int Count => live;

    // Ring lengths are powers of two (the inline slot is a ring of one), so indices wrap with a mask.
    private readonly int Length => ring?.Length ?? 1;

    private readonly int Mask => Length - 1;

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
        if (whenFull is { } mode && capacity > 0 && (live >= capacity || waiting is { Count: > 0 }))
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

        Append(entry);
        if (!scheduled)
        {
            scheduled = true;
            mustSchedule = true;
        }

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
        turnedAway = [];
        if (waiting is { Count: > 0 })
        {
            var parked = new List<MailboxItem>(waiting.Count);
            waiting.DrainInto(parked);
            foreach (MailboxItem item in parked)
            {
                item.Place = ItemPlace.None;
            }

            turnedAway = [.. parked];
        }

        return result;
    }

    /// <summary>Takes the first entry, or returns false and marks the session idle.</summary>
    public bool TryDequeue(int capacity, out MailboxEntry entry)
    {
        SkipEmptyHead();
        if (used == 0)
        {
            GoIdle();
            entry = default;
            return false;
        }

        entry = TakeAt(head);
        Taken(capacity);
        return true;
    }

    /// <summary>
    /// Takes the first entry and, when it is a one-way message, the one-way messages right behind it, up to the
    /// length of <paramref name="into"/>: one lock for a run of messages nobody can withdraw. Returns how many
    /// were taken; 0 marks the session idle.
    /// </summary>
    public int TakeRun(int capacity, Span<MailboxEntry> into)
    {
        if (!TryDequeue(capacity, out into[0]))
        {
            return 0;
        }

        int count = 1;
        if (into[0].OneWay is null)
        {
            return 1;
        }

        while (count < into.Length && used > 0 && Slot(head) is { OneWay: not null } next)
        {
            into[count++] = next;
            Slot(head) = default;
            head = (head + 1) & Mask;
            used--;
            live--;
        }

        Taken(capacity);
        return count;
    }

    /// <summary>
    /// Puts entries taken by <see cref="TakeRun"/> but not run back at the head of the queue, in order; false
    /// when the mailbox has closed meanwhile, and the caller must answer them.
    /// </summary>
    public bool PutBack(ReadOnlySpan<MailboxEntry> entries)
    {
        if (closed)
        {
            return false;
        }

        for (int i = entries.Length - 1; i >= 0; i--)
        {
            if (used == Length)
            {
                Grow();
            }

            head = (head - 1) & Mask;
            Slot(head) = entries[i];
            used++;
            live++;
        }

        return true;
    }

    /// <summary>Marks the session idle if nothing is queued; false when entries wait and the turn must go on.</summary>
    public bool TryGoIdle()
    {
        if (live > 0)
        {
            return false;
        }

        GoIdle();
        return true;
    }

    /// <summary>
    /// Takes the first entry accepted in the current protocol state (<paramref name="acceptedNow"/>), leaving the
    /// others held in order; entries <paramref name="refuse"/> picks are removed and added to
    /// <paramref name="refused"/>, for the caller to answer outside the lock. Returns false and marks the
    /// session idle when nothing can run now.
    /// </summary>
    public bool TryDequeue(int capacity, ulong acceptedNow, Func<MailboxEntry, bool> refuse, ref List<MailboxEntry>? refused, out MailboxEntry entry)
    {
        bool admitted;
        do
        {
            admitted = false;
            for (int offset = 0; offset < used; offset++)
            {
                int index = (head + offset) & Mask;
                MailboxEntry candidate = Slot(index);
                if (candidate.IsEmpty)
                {
                    continue;
                }

                if ((candidate.AcceptedStates & acceptedNow) != 0)
                {
                    entry = TakeAt(index);
                    Taken(capacity);
                    return true;
                }

                if (refuse(candidate))
                {
                    (refused ??= []).Add(TakeAt(index));
                    if (waiting is { Count: > 0 } && live < capacity)
                    {
                        // A refusal made room for a waiting sender, which may be accepted now; admitting may
                        // also reshape the ring, so the walk starts over.
                        AdmitWaiting(capacity);
                        admitted = true;
                        break;
                    }
                }
            }
        }
        while (admitted);

        SkipEmptyHead();
        GoIdle();
        entry = default;
        return false;
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
            for (int offset = 0; offset < used; offset++)
            {
                int index = (head + offset) & Mask;
                if (Slot(index).Holds(item))
                {
                    TakeAt(index);
                    Taken(capacity);
                    break;
                }
            }
        }
        else if (place == ItemPlace.Waiting)
        {
            waiting!.Remove(item);
        }

        item.Place = ItemPlace.None;
        if (live > 0 && !scheduled && !closed)
        {
            scheduled = true;
            mustSchedule = true;
        }

        return place;
    }

    /// <summary>Closes the mailbox for good and hands back what was queued and the items that were waiting, each in order.</summary>
    public (MailboxEntry[] Queued, MailboxItem[] Waiting) Close()
    {
        closed = true;
        MailboxEntry[] rest = live == 0 ? [] : new MailboxEntry[live];
        int count = 0;
        for (int offset = 0; offset < used; offset++)
        {
            MailboxEntry entry = Slot((head + offset) & Mask);
            if (!entry.IsEmpty)
            {
                entry.Item?.Place = ItemPlace.None;
                rest[count++] = entry;
            }
        }

        ring = null;
        single = default;
        head = used = live = 0;
        if (waiting is not { Count: > 0 })
        {
            return (rest, []);
        }

        var parked = new List<MailboxItem>(waiting.Count);
        waiting.DrainInto(parked);
        foreach (MailboxItem item in parked)
        {
            item.Place = ItemPlace.None;
        }

        return (rest, parked.ToArray());
    }

    // The inline slot is a field of this struct, which lives inside the session object: returning a reference
    // to it is safe for as long as the session, hence [UnscopedRef].
    [UnscopedRef]
    private ref MailboxEntry Slot(int index) => ref ring is null ? ref single : ref ring[index];

    private void Append(in MailboxEntry entry)
    {
        if (used == Length)
        {
            Grow();
        }

        entry.Item?.Place = ItemPlace.Queued;
        Slot((head + used) & Mask) = entry;
        used++;
        live++;
    }

    // Doubles the ring, leaving out the empty slots of withdrawn entries.
    private void Grow()
    {
        int length = 4;
        while (length < live * 2)
        {
            length <<= 1;
        }

        var larger = new MailboxEntry[length];
        int count = 0;
        for (int offset = 0; offset < used; offset++)
        {
            MailboxEntry entry = Slot((head + offset) & Mask);
            if (!entry.IsEmpty)
            {
                larger[count++] = entry;
            }
        }

        ring = larger;
        single = default;
        head = 0;
        used = count;
    }

    // Leaves an empty slot behind; the caller then calls Taken, once it no longer walks the ring.
    private MailboxEntry TakeAt(int index)
    {
        ref MailboxEntry slot = ref Slot(index);
        MailboxEntry entry = slot;
        slot = default;
        live--;
        entry.Item?.Place = ItemPlace.None;
        return entry;
    }

    private void Taken(int capacity)
    {
        SkipEmptyHead();
        AdmitWaiting(capacity);
    }

    private void SkipEmptyHead()
    {
        while (used > 0 && Slot(head).IsEmpty)
        {
            head = (head + 1) & Mask;
            used--;
        }
    }

    private void GoIdle()
    {
        scheduled = false;
        if (used == 0 && ring is { Length: > RetainedRingLength })
        {
            ring = null;
            head = 0;
        }
    }

    private void AdmitWaiting(int capacity)
    {
        while (waiting is { Count: > 0 } && live < capacity)
        {
            MailboxItem next = waiting.First!;
            waiting.Remove(next);
            Append(new MailboxEntry(next));
        }
    }
}
