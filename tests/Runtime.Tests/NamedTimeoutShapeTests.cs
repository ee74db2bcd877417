using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class NamedTimeoutShapeTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Named_timeouts_of_every_shape_fire_with_their_arguments_in_the_order_they_were_scheduled()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Reminders.Client reminders = await Reminders.StartAsync(host);
        foreach (string kind in new[] { "note", "ping", "fetch", "count" })
        {
            await reminders.PlanAsync(kind, 100 * Ms);
        }

        Assert.Equal(4, host.PendingTimeoutCount);
        time.Advance(99 * Ms);
        Assert.Empty(await reminders.LogAsync().Guarded());

        time.Advance(Ms);
        Assert.Equal(["note:teax2", "ping", "fetched:mail:False", "count:7"], await reminders.LogAsync().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task Cancelling_a_named_timeout_with_two_parameters_says_true_once_and_it_never_runs()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Reminders.Client reminders = await Reminders.StartAsync(host);
        TimeoutHandle note = await reminders.PlanAsync("note", 100 * Ms);
        TimeoutHandle ping = await reminders.PlanAsync("ping", 100 * Ms);

        Assert.True(note.Cancel());
        Assert.False(note.Cancel());
        Assert.Equal(1, host.PendingTimeoutCount);

        time.Advance(100 * Ms);
        Assert.Equal(["ping"], await reminders.LogAsync().Guarded());
        Assert.False(ping.Cancel());
        Assert.False(note.Cancel());
    }

    [Fact]
    public async Task A_named_timeout_due_now_runs_on_the_next_turn_and_then_cannot_be_cancelled()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Reminders.Client reminders = await Reminders.StartAsync(host);
        TimeoutHandle note = await reminders.PlanAsync("note", TimeSpan.Zero);

        Assert.Equal(["note:teax2"], await reminders.LogAsync().Guarded());
        Assert.False(note.Cancel());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task Sessions_and_the_clock_sharing_the_wheel_lose_no_timeout_and_stop_each_at_most_once()
    {
        const int Sessions = 4;
        const int Bursts = 20;
        const int PerBurst = 300;
        await using SessionHost host = TestHosts.Create(out var time);
        var churns = new Churn.Client[Sessions];
        for (int i = 0; i < Sessions; i++)
        {
            churns[i] = await Churn.StartAsync(host);
        }

        // The sessions schedule (and cancel a third at once) on pool threads while this thread moves the clock,
        // then cancels what it was handed, some of it already run or queued.
        var bursts = new List<Task<TimeoutHandle[]>>();
        for (int burst = 0; burst < Bursts; burst++)
        {
            foreach (Churn.Client churn in churns)
            {
                bursts.Add(churn.BurstAsync(PerBurst).AsTask());
            }

            time.Advance(Ms);
        }

        int stopped = 0;
        int handedOut = 0;
        foreach (Task<TimeoutHandle[]> burst in bursts)
        {
            foreach (TimeoutHandle handle in await burst.Guarded())
            {
                if (!handle.Equals(default(TimeoutHandle)))
                {
                    handedOut++;
                    stopped += handle.Cancel() ? 1 : 0;
                }
            }
        }

        time.Advance(10 * Ms);
        int fired = 0;
        foreach (Churn.Client churn in churns)
        {
            fired += await churn.FiredAsync().Guarded();
        }

        Assert.Equal(Sessions * Bursts * (PerBurst - ((PerBurst + 2) / 3)), handedOut);
        Assert.Equal(handedOut, fired + stopped);
        Assert.Equal(0, host.PendingTimeoutCount);
    }
}
