namespace SessionGen.Runtime.Tests.Interleavings;

// The clock thread and every other move of the fake clock: timers fall due on the thread that moves it.
internal sealed partial class RoundRunner
{
    /// <summary>
    /// Moves the fake clock, which runs the timers that fall due on this thread: the runtime's timer wheel (timeouts,
    /// time limits), stalled handlers' delays, cancellations on the clock. None may throw back into the clock.
    /// </summary>
    private void Advance(TimeSpan by)
    {
        try
        {
            moveClock(by);
        }
        catch (Exception error) when (IsBug9(error))
        {
            Interlocked.Increment(ref withdrawalsThatThrew);
        }
        catch (Exception error)
        {
            ledger.Violation($"a timer callback threw into the clock: {error.InnerException ?? error}{Environment.NewLine}{(error.InnerException ?? error).StackTrace}");
        }
    }

    /// <summary>The clock thread: small steps until stopped, so stalled handlers, time limits, expiry and shutdown deadlines all come due.</summary>
    private async Task ClockAsync()
    {
        await go.Task;
        for (int step = 0; !clockStopped; step++)
        {
            if (!clockPaused)
            {
                Advance(plan.ClockSteps[step % plan.ClockSteps.Count]);
            }

            await Task.Yield();
        }
    }
}
