using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// <see cref="TimeoutHandle.Cancel"/> returning true is a promise that the timeout never runs, also when the wheel had
/// already taken it for the tick that is being run (two timeouts due at once, the first cancelling the second).
/// </summary>
public sealed class CancelIsAPromiseTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    // 10 ms: the ordinary tick; 5 s: one step past a whole turn of the wheel (4,096 ticks), taken all at once.
    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    public void A_clock_timer_cancelled_by_one_that_ran_before_it_on_the_same_tick_never_runs(int dueMs)
    {
        var time = new FakeTimeProvider();
        using var wheel = new TimerWheel(time, Ms);
        var ran = new List<string>();
        TimeoutHandle second = default;
        bool? cancelled = null;
        wheel.ScheduleOnClock(dueMs * Ms, () =>
        {
            ran.Add("first");
            cancelled = second.Cancel();
        });
        second = wheel.ScheduleOnClock(dueMs * Ms, () => ran.Add("second"));

        time.Advance(dueMs * Ms);

        Assert.True(cancelled);
        Assert.Equal(["first"], ran);
        Assert.False(second.Cancel());
    }

    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    public void A_clock_timer_that_already_ran_cannot_be_cancelled_by_one_due_on_the_same_tick(int dueMs)
    {
        var time = new FakeTimeProvider();
        using var wheel = new TimerWheel(time, Ms);
        var ran = new List<string>();
        bool? cancelled = null;
        TimeoutHandle first = wheel.ScheduleOnClock(dueMs * Ms, () => ran.Add("first"));
        wheel.ScheduleOnClock(dueMs * Ms, () =>
        {
            ran.Add("second");
            cancelled = first.Cancel();
        });

        time.Advance(dueMs * Ms);

        Assert.False(cancelled);
        Assert.Equal(["first", "second"], ran);
    }

    // Each cancels the other: the first to run stops the second, which must then not run (nor, had it run, succeed).
    [Theory]
    [InlineData(10)]
    [InlineData(5000)]
    public async Task A_session_timeout_cancelled_by_one_that_ran_before_it_on_the_same_tick_never_runs(int dueMs)
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Duel.Client duel = await Duel.StartAsync(host);
        await duel.ArmAsync("a", "b", dueMs * Ms);
        await duel.ArmAsync("b", "a", dueMs * Ms);

        time.Advance(dueMs * Ms);

        Assert.Equal(["a", "a cancelled b: True"], await duel.LogAsync().Guarded());
    }
}
