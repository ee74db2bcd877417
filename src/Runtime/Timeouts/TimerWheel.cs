using System.Runtime.CompilerServices;

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
    private readonly double timestampToTicks;
    private readonly long tickLength;
    private readonly TimerEntry?[] slots = new TimerEntry?[SlotCount];
    private readonly ITimer timer;
    private readonly List<TimerEntry> slotScratch = [];
    // A timeout further away than this (≈ 29,000 years) is due then: its tick stays far from overflowing.
    private const long MaxDelayTicks = long.MaxValue / 4;
    private const long MaxWaitTicks = TimeSpan.TicksPerDay;

    // The wheel's lock: 1 while held. Holders link or unlink entries, or take a due slot's entries: never long.
    // The wheel's lock: nothing run under it calls back into the wheel (the timer is only ever set for a time still
    // ahead, so it never fires inside Change).
    private SpinGate gate;
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
        timestampToTicks = (double)TimeSpan.TicksPerSecond / time.TimestampFrequency;
        originTimestamp = time.GetTimestamp();
        timer = time.CreateTimer(static state => ((TimerWheel)state!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Timeouts scheduled and neither run, queued nor cancelled.</summary>
    public int PendingCount => Volatile.Read(ref pending);

    public TimeoutHandle Schedule(SessionContext session, TimeSpan delay, Delegate callback, TimeoutSpec? spec = null) =>
        Add(spec is null ? new CallbackTimerEntry(session, callback) : new SpecifiedCallbackTimerEntry(session, callback, spec), delay);

    /// <summary>Schedules a generated named timeout: its arguments inline in <paramref name="call"/>.</summary>
    public TimeoutHandle Schedule<TProcess, TCall>(SessionContext session, TimeSpan delay, TCall call)
        where TProcess : class
        where TCall : struct, ITimeoutCall<TProcess> =>
        Add(new TimerEntry<TProcess, TCall>(session, call), delay);

    /// <summary>Runs <paramref name="callback"/> on the clock's thread (not on any session's turn) after <paramref name="delay"/>.</summary>
    public TimeoutHandle ScheduleOnClock(TimeSpan delay, Action callback) =>
        Insert(new ClockTimerEntry(this, callback), delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1));

    public bool Cancel(TimerEntry entry)
    {
        if (entry.Session is { IsEnded: true })
        {
            return false;
        }

        // Only a pending entry needs the lock; one that already left the wheel is settled by its state alone.
        if (Volatile.Read(ref entry.TimerState) == TimerEntry.Pending)
        {
            using (gate.Hold())
            {
                if (entry.TimerState == TimerEntry.Pending)
                {
                    Unlink(entry);
                    pending--;
                    entry.TimerState = TimerEntry.Cancelled;
                    return true;
                }
            }
        }

        // Due already and waiting in the session's queue: it has not run, so it can still be stopped.
        return Interlocked.CompareExchange(ref entry.TimerState, TimerEntry.Cancelled, TimerEntry.Queued) == TimerEntry.Queued;
    }

    public void Dispose()
    {
        using (gate.Hold())
        {
            disposed = true;
            Array.Clear(slots);
            pending = 0;
        }

        timer.Dispose();
    }

    private TimeoutHandle Add(TimerEntry entry, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            // Due now: straight to the session's queue, behind what is already there.
            entry.TimerState = TimerEntry.Queued;
            if (!entry.Session!.TryPost(entry))
            {
                entry.TimerState = TimerEntry.Cancelled;
            }

            return new TimeoutHandle(entry);
        }

        return Insert(entry, delay);
    }

    private TimeoutHandle Insert(TimerEntry entry, TimeSpan delay)
    {
        // The clock is read and the entry made outside the lock, which then only links it.
        long elapsed = ElapsedTicks();
        long dueTick = CeilingTick(delay.Ticks < MaxDelayTicks - elapsed ? elapsed + delay.Ticks : MaxDelayTicks);
        using (gate.Hold())
        {
            ObjectDisposedException.ThrowIf(disposed, typeof(SessionHost));
            if (dueTick <= processedTick)
            {
                dueTick = processedTick + 1;
            }

            entry.DueTick = dueTick;
            Append(entry);
            pending++;
            if (dueTick < armedTick)
            {
                Arm(dueTick, elapsed);
            }
        }

        return new TimeoutHandle(entry);
    }

    private void OnTick()
    {
        List<TimerEntry> due = [];
        using (gate.Hold())
        {
            if (disposed)
            {
                return;
            }

            long elapsed = ElapsedTicks();
            long nowTick = elapsed / tickLength;
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
            ArmNextOccupiedSlot(elapsed);
        }

        foreach (TimerEntry entry in due)
        {
            if (entry.Session is null)
            {
                entry.TimerState = TimerEntry.Done;
                ((ClockTimerEntry)entry).RunOnClock();
            }
            else if (!entry.Session.TryPost(entry))
            {
                entry.TimerState = TimerEntry.Cancelled;
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
                candidate.TimerState = TimerEntry.Queued;
                due.Add(candidate);
            }
        }

        slotScratch.Clear();
    }

    private void ArmNextOccupiedSlot(long elapsed)
    {
        if (pending == 0)
        {
            return;
        }

        for (long tick = processedTick + 1; tick <= processedTick + SlotCount; tick++)
        {
            if (slots[tick & SlotMask] is not null)
            {
                Arm(tick, elapsed);
                return;
            }
        }
    }

    /// <summary>Sets the timer for <paramref name="tick"/>, <paramref name="elapsed"/> (TimeSpan ticks) since the origin being now.</summary>
    private void Arm(long tick, long elapsed)
    {
        armedTick = tick;

        // Set at most a day ahead (an ITimer takes at most about 49 days): a timeout further away is found by a later sweep.
        long wait = Math.Min((tick * tickLength) - elapsed, MaxWaitTicks);
        timer.Change(TimeSpan.FromTicks(wait < 0 ? 0 : wait), Timeout.InfiniteTimeSpan);
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

    /// <summary>TimeSpan ticks since the origin: <see cref="TimeProvider.GetElapsedTime(long)"/> without re-reading the frequency.</summary>
    private long ElapsedTicks() => (long)((time.GetTimestamp() - originTimestamp) * timestampToTicks);

    private long CeilingTick(long elapsedTicks) => (elapsedTicks + tickLength - 1) / tickLength;
}
