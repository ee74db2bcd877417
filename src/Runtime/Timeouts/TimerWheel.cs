namespace SessionGen;

/// <summary>
/// The host's one clock for every timeout: a hashed wheel of <see cref="SlotCount"/> slots, each a list of
/// entries, driven by a single <see cref="ITimer"/> from the host's <see cref="TimeProvider"/>. Scheduling
/// and cancelling are O(1); the timer is armed only for the next slot that holds an entry, so an idle host
/// never wakes up.
/// </summary>
internal sealed class TimerWheel : IDisposable
{
    private const int SlotCount = 4096;
    private const int SlotMask = SlotCount - 1;

    private readonly TimeProvider time;
    private readonly long originTimestamp;
    private readonly long tickLength;
    private readonly TimerEntry?[] slots = new TimerEntry?[SlotCount];
    private readonly ITimer timer;
    private readonly List<TimerEntry> slotScratch = [];
    private long processedTick;
    private long armedTick = long.MaxValue;
    private int pending;
    private bool disposed;

    public TimerWheel(TimeProvider time, TimeSpan resolution)
    {
        if (resolution <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "The timer resolution must be positive.");
        }

        this.time = time;
        tickLength = resolution.Ticks;
        originTimestamp = time.GetTimestamp();
        timer = time.CreateTimer(static state => ((TimerWheel)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Timeouts scheduled and neither run, queued nor cancelled.</summary>
    public int PendingCount => Volatile.Read(ref pending);

    public TimeoutHandle Schedule(SessionContext session, TimeSpan delay, Delegate callback, TimeoutSpec? spec = null)
    {
        if (delay <= TimeSpan.Zero)
        {
            // Due now: straight to the session's queue, behind what is already there.
            var immediate = new TimerEntry(this, session, 0, callback, spec) { State = TimerEntry.Queued };
            if (!session.TryPost(immediate))
            {
                immediate.State = TimerEntry.Cancelled;
            }

            return new TimeoutHandle(immediate);
        }

        return Insert(session, delay, callback, spec);
    }

    /// <summary>Runs <paramref name="callback"/> on the clock's thread (not on any session's turn) after <paramref name="delay"/>.</summary>
    public TimeoutHandle ScheduleOnClock(TimeSpan delay, Action callback) =>
        Insert(session: null, delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1), callback);

    public bool Cancel(TimerEntry entry)
    {
        if (entry.Session is { IsEnded: true })
        {
            return false;
        }

        lock (slots)
        {
            if (entry.State == TimerEntry.Pending)
            {
                Unlink(entry);
                pending--;
                entry.State = TimerEntry.Cancelled;
                return true;
            }
        }

        // Due already and waiting in the session's queue: it has not run, so it can still be stopped.
        return Interlocked.CompareExchange(ref entry.State, TimerEntry.Cancelled, TimerEntry.Queued) == TimerEntry.Queued;
    }

    public void Dispose()
    {
        lock (slots)
        {
            disposed = true;
            Array.Clear(slots);
            pending = 0;
        }

        timer.Dispose();
    }

    private TimeoutHandle Insert(SessionContext? session, TimeSpan delay, Delegate callback, TimeoutSpec? spec = null)
    {
        long dueTick = CeilingTick(Elapsed().Ticks + delay.Ticks);
        lock (slots)
        {
            ObjectDisposedException.ThrowIf(disposed, typeof(SessionHost));
            dueTick = Math.Max(dueTick, processedTick + 1);
            var entry = new TimerEntry(this, session, dueTick, callback, spec);
            Append(entry);
            pending++;
            if (dueTick < armedTick)
            {
                Arm(dueTick);
            }

            return new TimeoutHandle(entry);
        }
    }

    private void OnTick()
    {
        List<TimerEntry> due = [];
        lock (slots)
        {
            if (disposed)
            {
                return;
            }

            long nowTick = Elapsed().Ticks / tickLength;
            armedTick = long.MaxValue;
            if (nowTick - processedTick >= SlotCount)
            {
                for (int slot = 0; slot < SlotCount; slot++)
                {
                    TakeDue(slot, nowTick, due);
                }

                due.Sort(static (a, b) => a.DueTick.CompareTo(b.DueTick));
            }
            else
            {
                for (long tick = processedTick + 1; tick <= nowTick; tick++)
                {
                    TakeDue((int)(tick & SlotMask), nowTick, due);
                }
            }

            processedTick = Math.Max(processedTick, nowTick);
            ArmNextOccupiedSlot();
        }

        foreach (TimerEntry entry in due)
        {
            if (entry.Session is null)
            {
                entry.State = TimerEntry.Done;
                entry.RunOnClock();
            }
            else if (!entry.Session.TryPost(entry))
            {
                entry.State = TimerEntry.Cancelled;
            }
        }
    }

    private void TakeDue(int slot, long nowTick, List<TimerEntry> due)
    {
        TimerEntry? head = slots[slot];
        if (head is null)
        {
            return;
        }

        // Walk a snapshot: unlinking while following the circular links would move the head under us.
        slotScratch.Clear();
        TimerEntry entry = head;
        do
        {
            slotScratch.Add(entry);
            entry = (TimerEntry)entry.Next!;
        }
        while (entry != head);

        foreach (TimerEntry candidate in slotScratch)
        {
            if (candidate.DueTick <= nowTick)
            {
                Unlink(candidate);
                pending--;
                candidate.State = TimerEntry.Queued;
                due.Add(candidate);
            }
        }

        slotScratch.Clear();
    }

    private void ArmNextOccupiedSlot()
    {
        if (pending == 0)
        {
            return;
        }

        for (long tick = processedTick + 1; tick <= processedTick + SlotCount; tick++)
        {
            if (slots[tick & SlotMask] is not null)
            {
                Arm(tick);
                return;
            }
        }
    }

    private void Arm(long tick)
    {
        armedTick = tick;
        TimeSpan wait = TimeSpan.FromTicks((tick * tickLength) - Elapsed().Ticks);
        timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    // Slots are circular doubly linked lists: the head's Previous is the tail, so appends keep FIFO order.
    private void Append(TimerEntry entry)
    {
        int slot = (int)(entry.DueTick & SlotMask);
        TimerEntry? head = slots[slot];
        if (head is null)
        {
            entry.Next = entry;
            entry.Previous = entry;
            slots[slot] = entry;
            return;
        }

        MailboxItem tail = head.Previous!;
        tail.Next = entry;
        entry.Previous = tail;
        entry.Next = head;
        head.Previous = entry;
    }

    private void Unlink(TimerEntry entry)
    {
        int slot = (int)(entry.DueTick & SlotMask);
        if (entry.Next == entry)
        {
            slots[slot] = null;
        }
        else
        {
            entry.Previous!.Next = entry.Next;
            entry.Next!.Previous = entry.Previous;
            if (slots[slot] == entry)
            {
                slots[slot] = (TimerEntry)entry.Next;
            }
        }

        entry.Next = null;
        entry.Previous = null;
    }

    private TimeSpan Elapsed() => time.GetElapsedTime(originTimestamp);

    private long CeilingTick(long elapsedTicks) => (elapsedTicks + tickLength - 1) / tickLength;
}
