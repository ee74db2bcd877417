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
}
