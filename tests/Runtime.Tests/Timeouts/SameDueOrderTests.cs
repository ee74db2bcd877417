using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Timeouts;

/// <summary>Timeouts due at the same instant run in the order they were scheduled, also after a large clock jump.</summary>
public sealed class SameDueOrderTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void Clock_timers_due_together_run_in_scheduling_order_after_a_jump_past_a_whole_turn_of_the_wheel()
    {
        var time = new FakeTimeProvider();
        using var wheel = new TimerWheel(time, Ms);
        var ran = new List<int>();
        for (int i = 0; i < 400; i++)
        {
            int order = i;
            wheel.ScheduleOnClock(TimeSpan.FromSeconds(5), () => ran.Add(order));
        }

        time.Advance(TimeSpan.FromSeconds(5)); // one step of 5,000 ticks: more than the wheel's 4,096 slots

        Assert.Equal(Enumerable.Range(0, 400), ran);
    }

    [Fact]
    public async Task Session_timeouts_due_together_run_in_scheduling_order_after_a_jump_past_a_whole_turn_of_the_wheel()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        string[] labels = Enumerable.Range(0, 200).Select(i => $"t{i}").ToArray();
        foreach (string label in labels)
        {
            await alarm.ArmAsync(label, TimeSpan.FromSeconds(5));
        }

        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(labels.Select(label => "ring:" + label), await alarm.LogAsync().Guarded());
    }
}
