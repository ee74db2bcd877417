using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>
/// The wheel never calls its <see cref="TimeProvider"/> (user code) while holding its spin gate, and setting the timer
/// outside the gate loses no wake-up.
/// </summary>
public sealed class ClockOutsideGateTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Scheduling_ticking_and_cancelling_never_call_the_time_provider_under_the_gate()
    {
        var fake = new FakeTimeProvider();
        var clock = new WatchedTimeProvider(fake);
        using var wheel = new TimerWheel(clock, Ms);
        clock.Wheel = wheel;
        var ran = new List<string>();

        TimeoutHandle far = wheel.ScheduleOnClock(TimeSpan.FromSeconds(1), () => ran.Add("far"));
        wheel.ScheduleOnClock(10 * Ms, () => wheel.ScheduleOnClock(5 * Ms, () => ran.Add("chained")));
        wheel.ScheduleOnClock(3 * Ms, () => ran.Add("early"));
        fake.Advance(20 * Ms);
        Assert.True(far.Cancel());
        wheel.ScheduleOnClock(TimeSpan.FromSeconds(6), () => ran.Add("after a jump"));
        fake.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["early", "chained", "after a jump"], ran);
        Assert.True(clock.Calls > 10);
        Assert.Empty(clock.CallsUnderGate);
    }

    [Fact]
    public void A_timer_setting_overtaken_by_one_for_an_earlier_tick_leaves_the_timer_set_for_the_earlier_tick()
    {
        var fake = new FakeTimeProvider();
        var clock = new WatchedTimeProvider(fake);
        using var wheel = new TimerWheel(clock, Ms);
        clock.Wheel = wheel;
        var ran = new List<string>();

        // While the wheel sets its timer for 100 ms, "another thread" schedules a timeout due at 50 ms and sets the
        // timer for it first; the 100 ms setting then lands last.
        clock.BeforeNextChange = () => wheel.ScheduleOnClock(50 * Ms, () => ran.Add("50 ms"));
        wheel.ScheduleOnClock(100 * Ms, () => ran.Add("100 ms"));

        fake.Advance(50 * Ms);
        Assert.Equal(["50 ms"], ran);
        fake.Advance(50 * Ms);
        Assert.Equal(["50 ms", "100 ms"], ran);
    }

    [Fact]
    public void A_timeout_scheduled_while_a_wake_up_reads_the_clock_still_fires()
    {
        var fake = new FakeTimeProvider();
        var clock = new WatchedTimeProvider(fake);
        using var wheel = new TimerWheel(clock, Ms);
        clock.Wheel = wheel;
        var ran = new List<string>();
        wheel.ScheduleOnClock(10 * Ms, () => ran.Add("10 ms"));

        // The wake-up at 10 ms reads the clock first; "another thread" schedules a timeout 5 ms on at that moment.
        clock.BeforeNextTimestamp = () => wheel.ScheduleOnClock(5 * Ms, () => ran.Add("15 ms"));
        fake.Advance(10 * Ms);
        Assert.Equal(["10 ms"], ran);
        fake.Advance(5 * Ms);
        Assert.Equal(["10 ms", "15 ms"], ran);
    }
}
