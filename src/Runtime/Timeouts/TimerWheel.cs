using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The host's one clock for every timeout: a hashed wheel of <see cref="SlotCount"/> slots, each a list of
/// entries, driven by a single <see cref="ITimer"/> from the host's <see cref="TimeProvider"/>. Scheduling
/// and cancelling are O(1); the timer is armed only for the next slot that holds an entry, so an idle host
/// never wakes up.
/// </summary>
/// <remarks>
/// The wheel's lock, <see cref="gate"/>, is a spin gate: its holders only link, unlink or take entries. Nothing
/// supplied by a user runs under it, the <see cref="TimeProvider"/> and its timer included (they are read and set
/// around it, see TimerWheel.Arming.cs), so a slow or reentrant clock cannot stall or deadlock the threads spinning.
/// </remarks>
internal sealed partial class TimerWheel : IDisposable
{
    private const int SlotCount = 4096;
    private const int SlotMask = SlotCount - 1;

    // A timeout further away than this (≈ 29,000 years) is due then: its tick stays far from overflowing.
    private const long MaxDelayTicks = long.MaxValue / 4;

    private readonly TimeProvider time;
    private readonly long originTimestamp;
    private readonly double timestampToTicks;
    private readonly long tickLength;
    private readonly ITimer timer;

    private SpinGate gate;
    private long processedTick;
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

    /// <summary>Timeouts scheduled and neither run, queued, cancelled, nor released with their ended session.</summary>
    public int PendingCount => Volatile.Read(ref pending);

    /// <summary>Whether its gate is held now; for tests only.</summary>
    internal bool IsGateHeld => gate.IsHeld;

    public TimeoutHandle Schedule(SessionContext session, TimeSpan delay, Delegate callback, TimeoutSpec? spec = null)
    {
        // A handler's timeout reuses one of its session's cancelled entries when there is one (TimerWheel.Reuse.cs).
        if (spec is null && delay > TimeSpan.Zero && TimerStaging.TakeFree<CallbackTimerEntry>(session) is { } reused)
        {
            reused.Reuse(callback);
            return StageReused(reused, delay);
        }

        return Add(spec is null ? new CallbackTimerEntry(session, callback) : new SpecifiedCallbackTimerEntry(session, callback, spec), delay);
    }

    /// <summary>Schedules a generated named timeout: its arguments inline in <paramref name="call"/>.</summary>
    public TimeoutHandle Schedule<TProcess, TCall>(SessionContext session, TimeSpan delay, TCall call)
        where TProcess : class
        where TCall : struct, ITimeoutCall<TProcess>
    {
        if (TimerEntry<TProcess, TCall>.KindIsReusable && delay > TimeSpan.Zero && TimerStaging.TakeFree<TimerEntry<TProcess, TCall>>(session) is { } reused)
        {
            reused.Reuse(call);
            return StageReused(reused, delay);
        }

        return Add(new TimerEntry<TProcess, TCall>(session, call), delay);
    }

    /// <summary>Runs <paramref name="callback"/> on the clock's thread (not on any session's turn) after <paramref name="delay"/>.</summary>
    public TimeoutHandle ScheduleOnClock(TimeSpan delay, Action callback) =>
        Insert(new ClockTimerEntry(this, callback), delay > TimeSpan.Zero ? delay : TimeSpan.FromTicks(1));

    /// <summary>
    /// Cancels the use of <paramref name="entry"/> that a handle made at <paramref name="version"/> stands for: every
    /// check compares the whole state word, version included, so a handle never stops a later use of a reused entry.
    /// </summary>
    public bool Cancel(TimerEntry entry, int version)
    {
        if (entry.Session is { IsEnded: true })
        {
            return false;
        }

        int pendingWord = version | TimerEntry.Pending;

        // Only a pending entry needs the lock; one that already left the wheel is settled by its state alone.
        if (Volatile.Read(ref entry.TimerState) == pendingWord)
        {
            // Staged by the handler running on this thread now: not in the wheel, and only this thread hands it over.
            if (IsStaged(entry) && TimerStaging.IsOpenFor(entry.Session))
            {
                return CancelStaged(entry, version);
            }

            using (gate.Hold())
            {
                if (entry.TimerState == pendingWord && !disposed && IsStaged(entry))
                {
                    return CancelStaged(entry, version); // staged by a handler running on another thread
                }

                // Its session may have ended (and the wheel released its entries) since the check above.
                if (entry.TimerState == pendingWord && !disposed && !IsReleased(entry))
                {
                    Unlink(entry);
                    Uncount(entry);
                    entry.TimerState = version | TimerEntry.Cancelled;
                    Recycle(entry); // nothing refers to it now but handles, which carry this version
                    return true;
                }
            }
        }

        // Due already and waiting in the session's queue (or about to run on the clock): it has not run, so it can
        // still be stopped, and whoever runs it checks the same state first.
        int queuedWord = version | TimerEntry.Queued;
        return Interlocked.CompareExchange(ref entry.TimerState, version | TimerEntry.Cancelled, queuedWord) == queuedWord;
    }

    public void Dispose()
    {
        using (gate.Hold())
        {
            disposed = true;
            ClearSlots();
            pending = 0;
            released = 0;
        }

        timer.Dispose();
    }

    private TimeoutHandle Add(TimerEntry entry, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            // Due now: straight to the session's queue, behind what is already there.
            entry.SetState(TimerEntry.Queued);
            CountDue();
            if (!entry.Session!.TryPost(entry))
            {
                entry.SetState(TimerEntry.Cancelled);
                Settle();
            }

            return new TimeoutHandle(entry);
        }

        if (TimerStaging.IsOpenFor(entry.Session))
        {
            Stage(entry, delay); // linked with the handler's other timeouts once its part on this thread returns
            return new TimeoutHandle(entry);
        }

        return Insert(entry, delay);
    }

    private TimeoutHandle Insert(TimerEntry entry, TimeSpan delay)
    {
        // The clock is read, and the entry and its session's counter made, outside the lock, which then only links it.
        long elapsed = ElapsedTicks();
        long dueTick = CeilingTick(delay.Ticks < MaxDelayTicks - elapsed ? elapsed + delay.Ticks : MaxDelayTicks);
        SessionExtras? counter = entry.Session?.Extras;
        long armSequence = 0;
        using (gate.Hold())
        {
            // An ended session's timeouts are released (or about to be, see Release): this one would never run. A
            // handler that outlived its session (the shutdown timeout ended it) gets this no-op, even once the host
            // has stopped, rather than an exception for a timeout nobody could run anyway.
            // Once the host has stopped nothing runs any more: a turn still finishing (its time limit) or a handler
            // still running gets a timeout that never fires, never an exception out of the turn or the clock.
            if (entry.Session is { IsEnded: true } || disposed)
            {
                entry.SetState(TimerEntry.Cancelled);
                return new TimeoutHandle(entry);
            }

            if (dueTick <= processedTick)
            {
                dueTick = processedTick + 1;
            }

            entry.DueTick = dueTick;
            Append(entry);
            pending++;
            if (counter is not null)
            {
                counter.PendingTimeouts++;
                counter.PeakTimeouts = Math.Max(counter.PeakTimeouts, counter.PendingTimeouts);
            }

            if (dueTick < armedTick)
            {
                armSequence = PlanTimer(dueTick);
            }
        }

        if (armSequence != 0)
        {
            SetTimer(armSequence, dueTick);
        }

        return new TimeoutHandle(entry);
    }

    /// <summary>Under the gate: an entry counted as pending leaves the wheel (cancelled or due).</summary>
    private void Uncount(TimerEntry entry)
    {
        pending--;
        if (entry.Session is { } session)
        {
            session.Extras.PendingTimeouts--;
        }
    }

    /// <summary>TimeSpan ticks since the origin: <see cref="TimeProvider.GetElapsedTime(long)"/> without re-reading the frequency.</summary>
    private long ElapsedTicks() => (long)((time.GetTimestamp() - originTimestamp) * timestampToTicks);

    private long CeilingTick(long elapsedTicks) => (elapsedTicks + tickLength - 1) / tickLength;
}
