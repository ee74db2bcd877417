namespace SessionGen.Concurrency.Tests;

/// <summary>
/// A clock the tests move by hand, written in plain C# so Coyote rewrites it and controls it: its timer runs on the
/// thread that moves the clock, never inside <see cref="ITimer.Change"/>. One timer is enough: the wheel has one.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private long now;
    private ManualTimer? timer;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public long Now => Volatile.Read(ref now);

    public override long GetTimestamp() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        timer = new ManualTimer(this, callback, state, dueTime);

    public void Advance(TimeSpan by) => timer?.FireIfDue(Interlocked.Add(ref now, by.Ticks));

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        private long due = Due(clock, dueTime);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Volatile.Write(ref due, Due(clock, dueTime));
            return true;
        }

        public void FireIfDue(long at)
        {
            long current = Volatile.Read(ref due);
            if (at >= current && Interlocked.CompareExchange(ref due, long.MaxValue, current) == current)
            {
                callback(state);
            }
        }

        public void Dispose() => Volatile.Write(ref due, long.MaxValue);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }

        private static long Due(ManualClock clock, TimeSpan dueTime) =>
            dueTime == Timeout.InfiniteTimeSpan ? long.MaxValue : clock.Now + dueTime.Ticks;
    }
}
