namespace SessionGen;

/// <summary>
/// Setting the wheel's one timer, which is user code (the host's <see cref="TimeProvider"/>), outside the gate.
/// </summary>
/// <remarks>
/// Under the gate a holder only decides: <see cref="armedTick"/> becomes the tick the timer should wake at, and the
/// decision takes the next sequence number. Out of the gate it sets the timer, then checks. When another decision
/// was taken meanwhile, the two settings may have landed in either order (two threads scheduling different ticks, a
/// wake-up racing a schedule), so unless that decision wanted the same tick it sets the timer again, for the tick
/// wanted now, under a new number. The last setting to land is therefore always followed by a check that finds it
/// right: no wake-up is lost, and no lock is held while the clock runs.
/// </remarks>
internal sealed partial class TimerWheel
{
    // Set at most a day ahead (an ITimer takes at most about 49 days): a timeout further away is found by a later wake-up.
    private const long MaxWaitTicks = TimeSpan.TicksPerDay;

    private long armedTick = long.MaxValue;
    private long armSequence;

    /// <summary>Under the gate: decides that the timer wakes at <paramref name="tick"/>; returns the decision's number (never 0).</summary>
    private long PlanTimer(long tick)
    {
        armedTick = tick;
        return ++armSequence;
    }

    /// <summary>Out of the gate: sets the timer for <paramref name="tick"/>, as decision <paramref name="sequence"/> asked.</summary>
    private void SetTimer(long sequence, long tick)
    {
        while (true)
        {
            long wait = Math.Min((tick * tickLength) - ElapsedTicks(), MaxWaitTicks);
            try
            {
                timer.Change(TimeSpan.FromTicks(Math.Max(wait, 0)), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException) when (Volatile.Read(ref disposed))
            {
                return; // the host stopped meanwhile
            }

            using (gate.Hold())
            {
                // Still the last decision, or a later one wants this same tick, or nothing is left to wake for.
                if (sequence == armSequence || armedTick == tick || armedTick == long.MaxValue || disposed)
                {
                    return;
                }

                tick = armedTick;
                sequence = ++armSequence;
            }
        }
    }
}
