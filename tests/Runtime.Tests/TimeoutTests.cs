using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class TimeoutTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_named_timeout_fires_when_its_delay_has_passed_and_not_before()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await alarm.ArmAsync("a", 500 * Ms);

        time.Advance(499 * Ms);
        Assert.Empty(await alarm.LogAsync().Guarded());

        time.Advance(Ms);
        Assert.Equal(["ring:a"], await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task After_runs_its_callback_when_the_delay_has_passed()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await alarm.ArmAfterAsync("later", 500 * Ms);

        time.Advance(500 * Ms);
        Assert.Equal(["ring:later"], await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task Timeouts_fire_in_due_order_also_past_a_whole_turn_of_the_wheel()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await alarm.ArmAsync("ten-seconds", TimeSpan.FromSeconds(10));
        await alarm.ArmAsync("short", 100 * Ms);
        await alarm.ArmAsync("five-seconds", TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(["ring:short", "ring:five-seconds", "ring:ten-seconds"], await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_long_timeout_fires_exactly_at_its_due_time()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await alarm.ArmAsync("long", TimeSpan.FromSeconds(10));

        for (int second = 0; second < 9; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        time.Advance(TimeSpan.FromSeconds(1) - Ms);
        Assert.Empty(await alarm.LogAsync().Guarded());
        time.Advance(Ms);
        Assert.Equal(["ring:long"], await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_further_away_than_a_timer_can_wait_neither_throws_nor_fires_early()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        TimeoutHandle never = await alarm.ArmAfterAsync("never", TimeSpan.MaxValue);
        TimeoutHandle hundredDays = await alarm.ArmAsync("hundred-days", TimeSpan.FromDays(100));

        time.Advance(TimeSpan.FromDays(1) + Ms);
        Assert.Empty(await alarm.LogAsync().Guarded());
        Assert.Equal(2, host.PendingTimeoutCount);
        Assert.True(never.Cancel());
        Assert.True(hundredDays.Cancel());
    }

    [Fact]
    public async Task Cancel_stops_a_pending_timeout_and_says_so_once()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await alarm.ArmAsync("a", 500 * Ms);

        Assert.True(await alarm.DisarmAsync("a"));
        Assert.False(await alarm.DisarmAsync("a"));
        Assert.Equal(0, host.PendingTimeoutCount);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task Cancel_after_the_timeout_ran_returns_false()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        TimeoutHandle handle = await alarm.ArmAsync("a", 500 * Ms);

        time.Advance(500 * Ms);
        Assert.Equal(["ring:a"], await alarm.LogAsync().Guarded());
        Assert.False(handle.Cancel());
        Assert.False(default(TimeoutHandle).Cancel());
    }

    [Fact]
    public async Task A_timeout_runs_on_the_sessions_turn_after_the_handler_that_was_running_when_it_fell_due()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await alarm.ArmAsync("due-while-busy", 100 * Ms);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = alarm.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        time.Advance(100 * Ms);
        release.SetResult();
        await holding.Guarded();

        Assert.Equal(["hold", "released", "ring:due-while-busy"], await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_that_fell_due_but_still_waits_in_the_queue_can_be_cancelled()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        TimeoutHandle handle = await alarm.ArmAsync("queued", 100 * Ms);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = alarm.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        time.Advance(100 * Ms);

        Assert.True(handle.Cancel());
        Assert.False(handle.Cancel());
        release.SetResult();
        await holding.Guarded();
        Assert.Equal(["hold", "released"], await alarm.LogAsync().Guarded());
    }

    [Fact]
    public async Task EndSession_cancels_pending_timeouts_and_completes_subscriptions()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Alarm.Client alarm = await Alarm.StartAsync(host);
        await using SessionSubscription events = alarm.Subscribe();
        TimeoutHandle named = await alarm.ArmAsync("named", 100 * Ms);
        TimeoutHandle anonymous = await alarm.ArmAfterAsync("anonymous", 100 * Ms);

        await alarm.StopAsync().Guarded();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(named.Cancel());
        Assert.False(anonymous.Cancel());
        Assert.Empty(await events.ToListAsync().AsTask().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => alarm.LogAsync().AsTask());
    }
}
