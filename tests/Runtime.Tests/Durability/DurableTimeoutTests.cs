using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A durable session's pending timeouts: stored with each turn, re-armed after a restart, fired exactly once.</summary>
public sealed class DurableTimeoutTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_timeout_that_fell_due_while_no_host_ran_fires_once_on_recovery()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.RemindInAsync("call bob", 10).Guarded();
        hosts.Time.Advance(5 * Second);
        SessionHost second = await hosts.RestartAsync(first);
        hosts.Time.Advance(10 * Second); // due at 10 s; now 15 s, and nobody ran it

        await second.RecoverAsync().Guarded();
        string[] entries = await Journal.Connect(second, journal.Id).EntriesAsync().Guarded();

        Assert.Equal(["reminder:call bob"], entries);
        SessionHost third = await hosts.RestartAsync(second);
        await third.RecoverAsync().Guarded();
        hosts.Time.Advance(60 * Second);
        Assert.Equal(["reminder:call bob"], await Journal.Connect(third, journal.Id).EntriesAsync().Guarded());
        Assert.Equal(0, third.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_timeout_not_yet_due_at_recovery_fires_when_due_without_any_message()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.RemindInAsync("later", 30).Guarded();
        SessionHost second = await hosts.RestartAsync(first);

        await second.RecoverAsync().Guarded();
        Assert.False(second.Contains(journal.Id)); // not loaded until its timeout is due
        await using SessionSubscription events = await SubscribeWhenLoadedAsync(second, hosts, journal.Id, 30 * Second);

        SessionEvent reminded = await NextAsync(events);
        Assert.Equal(new Reminded("later"), reminded.Payload);
        Assert.Equal(["reminder:later"], await Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task Overdue_timeouts_of_one_session_fire_in_the_order_they_were_due()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.RemindInAsync("third", 30).Guarded();
        await journal.RemindInAsync("first", 10).Guarded();
        await journal.RemindInAsync("second", 20).Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        hosts.Time.Advance(60 * Second);

        await second.RecoverAsync().Guarded();

        Assert.Equal(["reminder:first", "reminder:second", "reminder:third"], await Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_timeout_that_ran_before_the_restart_does_not_run_again()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.RemindInAsync("once", 1).Guarded();
        hosts.Time.Advance(Second);
        Assert.Equal(["reminder:once"], await journal.EntriesAsync().Guarded());

        SessionHost second = await hosts.RestartAsync(first);
        await second.RecoverAsync().Guarded();
        hosts.Time.Advance(10 * Second);

        Assert.Equal(["reminder:once"], await Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task Recovering_without_a_store_is_refused()
    {
        await using var host = new SessionHost();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.RecoverAsync().Guarded());
    }

    private static Task<SessionSubscription> SubscribeWhenLoadedAsync(SessionHost host, DurableHosts hosts, SessionId id, TimeSpan dueIn)
    {
        hosts.Time.Advance(dueIn - TimeSpan.FromMilliseconds(1));
        Assert.False(host.Contains(id));

        // The wake-up loads the session on the clock's tick; its timeout, due now, runs on the next one. A subscription
        // from sequence 0 replays what the session retains, so it sees the timeout's event whenever it subscribes.
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(host.Contains(id));
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));
        return Task.FromResult(host.Subscribe(id, participant: null, afterSequence: 0, out _));
    }

    private static async Task<SessionEvent> NextAsync(SessionSubscription events)
    {
        await using IAsyncEnumerator<SessionEvent> next = events.GetAsyncEnumerator();
        Assert.True(await next.MoveNextAsync().AsTask().Guarded());
        return next.Current;
    }
}
