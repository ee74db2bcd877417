using SessionGen.Infrastructure;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// What keeps the per-sender order of posts is bounded: a session's grain forgets a sender silent for its gap timeout,
/// a client forgets a session it has not used for <see cref="SessionRoutes.IdleLifetime"/>; posts after either still
/// arrive in the sender's order.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostSenderTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_session_grain_forgets_a_sender_silent_for_the_gap_timeout_and_its_later_posts_stay_in_order()
    {
        ClusterSessionHost sender = cluster.NewHost();
        Ledger.Client ledger = await Ledger.StartAsync(cluster.Host).Guarded();
        ISessionGrain grain = Grain(ledger.Id);
        for (int number = 1; number <= 20; number++)
        {
            Assert.True(sender.Post(ledger.Id, new Ledger.Messages.Append(1, number)));
        }

        Assert.True(await Guards.EventuallyAsync(async () => await ledger.CountAsync() == 20, Within));
        Assert.True(await Guards.EventuallyAsync(async () => await grain.PostSenders() == 0, Within), "the silent sender is still kept");

        for (int number = 21; number <= 40; number++)
        {
            Assert.True(sender.Post(ledger.Id, new Ledger.Messages.Append(1, number)));
        }

        Assert.True(await Guards.EventuallyAsync(async () => await ledger.CountAsync() == 40, Within));
        int[] expected = [.. Enumerable.Range(1, 40)];
        Assert.Equal(expected, await ledger.ReceivedAsync(1).Guarded());
    }

    [Fact]
    public async Task A_client_drops_the_route_of_a_session_unused_for_its_idle_lifetime_and_posts_after_it_stay_in_order()
    {
        var clock = new ManualClock();
        ClusterSessionHost sender = new(cluster.Cluster.Client, Wire.Options) { Clock = clock };
        Ledger.Client first = await Ledger.StartAsync(cluster.Host).Guarded();
        Ledger.Client second = await Ledger.StartAsync(cluster.Host).Guarded();
        for (int number = 1; number <= 20; number++)
        {
            Assert.True(sender.Post(first.Id, new Ledger.Messages.Append(1, number)));
        }

        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(sender.PostsDeliveredThrough("Cluster.Ledger", first.Id) == 20), Within));
        Assert.Equal(1, sender.RouteCount);

        clock.Advance(SessionRoutes.IdleLifetime);
        Assert.True(sender.Post(second.Id, new Ledger.Messages.Append(1, 1))); // a new route: the idle one goes

        Assert.Equal(1, sender.RouteCount);
        Assert.Equal(0, sender.PostsDeliveredThrough("Cluster.Ledger", first.Id));
        for (int number = 21; number <= 40; number++)
        {
            Assert.True(sender.Post(first.Id, new Ledger.Messages.Append(1, number)));
        }

        Assert.True(await Guards.EventuallyAsync(async () => await first.CountAsync() == 40, Within));
        int[] expected = [.. Enumerable.Range(1, 40)];
        Assert.Equal(expected, await first.ReceivedAsync(1).Guarded());
    }

    [Fact]
    public async Task A_client_keeps_the_route_of_a_session_whose_posts_are_still_on_their_way()
    {
        var clock = new ManualClock();
        ClusterSessionHost sender = new(cluster.Cluster.Client, Wire.Options) { Clock = clock };
        Ledger.Client first = await Ledger.StartAsync(cluster.Host).Guarded();
        Ledger.Client second = await Ledger.StartAsync(cluster.Host).Guarded();

        Assert.True(sender.Post(first.Id, new Ledger.Messages.Append(1, 1)));
        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(sender.PostsDeliveredThrough("Cluster.Ledger", first.Id) == 1), Within));
        SessionRoute route = Assert.IsType<SessionRoute>(sender.Route("Cluster.Ledger", first.Id));

        // As if a second post were on its way (numbered, its grain call not over).
        lock (route)
        {
            route.Posts!.Last++;
        }

        clock.Advance(SessionRoutes.IdleLifetime);
        Assert.True(sender.Post(second.Id, new Ledger.Messages.Append(1, 1)));

        Assert.Equal(2, sender.RouteCount);
        Assert.Same(route, sender.Route("Cluster.Ledger", first.Id));
    }

    [Fact]
    public async Task A_route_retired_by_another_threads_sweep_is_not_taken_again_by_the_thread_that_used_it_last()
    {
        var clock = new ManualClock();
        ClusterSessionHost sender = new(cluster.Cluster.Client, Wire.Options) { Clock = clock };
        Ledger.Client first = await Ledger.StartAsync(cluster.Host).Guarded();
        Ledger.Client second = await Ledger.StartAsync(cluster.Host).Guarded();
        using var firstPosted = new ManualResetEventSlim();
        using var swept = new ManualResetEventSlim();
        bool laterPostTaken = false;

        // A thread of its own, so that the route it took last is first's, whatever thread the test goes on on.
        var user = new Thread(() =>
        {
            sender.Post(first.Id, new Ledger.Messages.Append(1, 1));
            firstPosted.Set();
            swept.Wait();
            laterPostTaken = sender.Post(first.Id, new Ledger.Messages.Append(1, 2));
        }) { IsBackground = true };
        user.Start();
        Assert.True(firstPosted.Wait(Within));
        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(sender.PostsDeliveredThrough("Cluster.Ledger", first.Id) == 1), Within));
        SessionRoute old = Assert.IsType<SessionRoute>(sender.Route("Cluster.Ledger", first.Id));

        clock.Advance(SessionRoutes.IdleLifetime);
        Assert.True(sender.Post(second.Id, new Ledger.Messages.Append(1, 1))); // not the user thread: a new route, and first's goes
        Assert.True(old.Retired);

        swept.Set();
        Assert.True(user.Join(Within), "the later post kept finding the retired route");
        Assert.True(laterPostTaken);
        Assert.NotSame(old, sender.Route("Cluster.Ledger", first.Id));
        Assert.True(await Guards.EventuallyAsync(async () => await first.CountAsync() == 2, Within));
        int[] expected = [1, 2];
        Assert.Equal(expected, await first.ReceivedAsync(1).Guarded());
    }

    [Fact]
    public async Task Sends_from_one_thread_to_two_sessions_in_turn_each_reach_their_own_session()
    {
        ClusterSessionHost sender = cluster.NewHost();
        Ledger.Client first = await Ledger.StartAsync(cluster.Host).Guarded();
        Ledger.Client second = await Ledger.StartAsync(cluster.Host).Guarded();
        Ledger.Client viaFirst = Ledger.Connect(sender, first.Id);
        Ledger.Client viaSecond = Ledger.Connect(sender, second.Id);
        for (int number = 1; number <= 3; number++)
        {
            await viaFirst.AppendAsync(1, number).Guarded();
            await viaSecond.AppendAsync(1, 10 + number).Guarded();
        }

        int[] toFirst = [1, 2, 3];
        int[] toSecond = [11, 12, 13];
        Assert.Equal(toFirst, await first.ReceivedAsync(1).Guarded());
        Assert.Equal(toSecond, await second.ReceivedAsync(1).Guarded());
    }

    private ISessionGrain Grain(SessionId id) =>
        cluster.Cluster.Client.GetGrain<ISessionGrain>(SessionGrain.Key("Cluster.Ledger", id));

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}
