using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace SessionGen.Concurrency.Tests;

/// <summary>The host's timer wheel under a clock moved by one thread while others schedule and cancel.</summary>
public static class TimerWheelTests
{
    [Test]
    public static async Task TwoCancelsOfOnePendingTimeoutStopItOnce()
    {
        var clock = new ManualClock();
        var wheel = new TimerWheel(clock, TimeSpan.FromMilliseconds(1));
        int ran = 0;
        TimeoutHandle handle = wheel.ScheduleOnClock(TimeSpan.FromMilliseconds(5), () => Interlocked.Increment(ref ran));
        Task<bool> first = Task.Run(() => handle.Cancel());
        Task<bool> second = Task.Run(() => handle.Cancel());
        Task ticking = Task.Run(() => clock.Advance(TimeSpan.FromMilliseconds(2)));
        bool[] stopped = await Task.WhenAll(first, second);
        await ticking;
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Specification.Assert(stopped.Count(s => s) == 1, $"Cancel returned true {stopped.Count(s => s)} times");
        Specification.Assert(ran == 0, $"the cancelled timeout ran {ran} times");
        Specification.Assert(wheel.PendingCount == 0, $"{wheel.PendingCount} timeouts pending");
    }

    [Test]
    public static async Task TimeoutsScheduledWhileTheWheelTicksRunOnce()
    {
        var clock = new ManualClock();
        var wheel = new TimerWheel(clock, TimeSpan.FromMilliseconds(1));
        int[] ran = new int[3];
        wheel.ScheduleOnClock(TimeSpan.FromMilliseconds(1), () => Interlocked.Increment(ref ran[0]));
        Task ticking = Task.Run(() =>
        {
            for (int step = 0; step < 3; step++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        });
        Task scheduling = Task.Run(() =>
        {
            wheel.ScheduleOnClock(TimeSpan.FromMilliseconds(1), () => Interlocked.Increment(ref ran[1]));
            wheel.ScheduleOnClock(TimeSpan.FromMilliseconds(2), () => Interlocked.Increment(ref ran[2]));
        });
        await Task.WhenAll(ticking, scheduling);
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Specification.Assert(ran.All(count => count == 1), $"timeouts ran {string.Join(", ", ran)} times");
        Specification.Assert(wheel.PendingCount == 0, $"{wheel.PendingCount} timeouts pending");
    }

    /// <summary>A session-less timeout (a handler's time limit) whose Cancel returned true never runs, whatever the tick does meanwhile.</summary>
    [Test]
    public static async Task CancelTrueMeansASessionlessTimeoutNeverRuns()
    {
        var clock = new ManualClock();
        var wheel = new TimerWheel(clock, TimeSpan.FromMilliseconds(1));
        int[] ran = new int[3];
        bool[] cancelled = new bool[3];
        var handles = new TimeoutHandle[3];
        for (int i = 0; i < 3; i++)
        {
            int k = i;
            handles[i] = wheel.ScheduleOnClock(TimeSpan.FromMilliseconds(i + 1), () => Interlocked.Increment(ref ran[k]));
        }

        Task ticking = Task.Run(() =>
        {
            for (int i = 0; i < 3; i++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        });
        Task cancelling = Task.Run(() =>
        {
            for (int i = 2; i >= 0; i--)
            {
                cancelled[i] = handles[i].Cancel();
            }
        });
        await Task.WhenAll(ticking, cancelling);
        for (int i = 0; i < 3; i++)
        {
            Specification.Assert(!(cancelled[i] && ran[i] > 0), $"timeout {i} ran although Cancel returned true");
        }
    }

    /// <summary>Disposing the wheel while a timeout is cancelled leaves nothing counted as pending.</summary>
    [Test]
    public static async Task DisposeRacingCancelKeepsTheCountAtZero()
    {
        var clock = new ManualClock();
        var wheel = new TimerWheel(clock, TimeSpan.FromMilliseconds(1));
        TimeoutHandle handle = wheel.ScheduleOnClock(TimeSpan.FromMilliseconds(5), () => { });
        await Task.WhenAll(Task.Run(wheel.Dispose), Task.Run(() => handle.Cancel()));
        Specification.Assert(wheel.PendingCount == 0, $"pending {wheel.PendingCount}");
    }
}
