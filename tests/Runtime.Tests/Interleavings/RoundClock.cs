namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// The rounds' fake clock, advanced from several threads at once. Like FakeTimeProvider, time moves only when told
/// and due timers run on the thread that moved it; unlike it (see bug 6, KnownBugs), a timer never runs inside
/// <see cref="ITimer.Change"/> or <see cref="CreateTimer"/>, as with the system's timers, and two threads advancing
/// together never move time backwards.
/// </summary>
internal sealed class RoundClock : TimeProvider
{
    private readonly object gate = new();
    private readonly List<RoundTimer> timers = [];
    private long now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Volatile.Read(ref now);

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RoundTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time on, then runs every timer that fell due, earliest first, on this thread.</summary>
    public void Advance(TimeSpan by)
    {
        long until;
        lock (gate)
        {
            until = now += by.Ticks;
        }

        while (NextDue(until) is { } due)
        {
            due.Fire();
        }
    }

    private RoundTimer? NextDue(long until)
    {
        lock (gate)
        {
            RoundTimer? next = null;
            foreach (RoundTimer timer in timers)
            {
                if (timer.Due <= until && (next is null || timer.Due < next.Due))
                {
                    next = timer;
                }
            }

            // Taken off the list under the lock: no other thread fires it too.
            next?.Disarm(timers);
            return next;
        }
    }

    private sealed class RoundTimer(RoundClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long Due { get; private set; } = long.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
            {
                throw new NotSupportedException("The rounds' timers are one-shot.");
            }

            lock (clock.gate)
            {
                clock.timers.Remove(this);
                Due = long.MaxValue;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    // Due now or earlier still waits for the next Advance: never a callback inside Change.
                    Due = clock.now + Math.Max(dueTime.Ticks, 0);
                    clock.timers.Add(this);
                }
            }

            return true;
        }

        public void Disarm(List<RoundTimer> list)
        {
            list.Remove(this);
            Due = long.MaxValue;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock.gate)
            {
                clock.timers.Remove(this);
                Due = long.MaxValue;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
