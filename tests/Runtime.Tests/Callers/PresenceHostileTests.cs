namespace SessionGen.Runtime.Tests.Callers;

/// <summary>Presence under churn and shutdown: no lost or repeated departure, no exception, no hang.</summary>
public sealed class PresenceHostileTests
{
    private const int Threads = 8;
    private const int RoundsPerThread = 500;

    [Fact]
    public async Task Many_threads_connecting_and_disconnecting_one_participant_while_messages_flow_make_exactly_one_departure()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        await using SessionSubscription bob = huddle.Subscribe("bob"); // keeps the huddle going

        using var start = new Barrier(Threads + 1);
        Task[] churn = Enumerable.Range(0, Threads).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (int round = 0; round < RoundsPerThread; round++)
            {
                SessionSubscription ann = Huddle.Connect(host, huddle.Id, new SessionCaller("ann")).Subscribe();
                if (round % 50 == 0)
                {
                    await huddle.PresentAsync();
                }

                await ann.DisposeAsync();
            }
        })).ToArray();
        start.SignalAndWait();
        Task messages = Task.Run(async () =>
        {
            while (!churn.All(task => task.IsCompleted))
            {
                await huddle.PresentAsync();
            }
        });

        await Task.WhenAll(churn).Guarded();
        await messages.Guarded();
        Assert.Empty(await huddle.DeparturesAsync().Guarded()); // the clock has not moved: nobody has left yet

        time.Advance(PresenceHosts.Grace);
        Assert.Equal(["ann"], await huddle.DeparturesAsync().Guarded());
        time.Advance(PresenceHosts.Grace * 2);
        Assert.Equal(["ann"], await huddle.DeparturesAsync().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task Churn_that_ends_with_the_participant_connected_makes_no_departure()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann"]);
        await using SessionSubscription stays = huddle.Subscribe("ann");

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => Task.Run(async () =>
        {
            for (int round = 0; round < RoundsPerThread; round++)
            {
                await huddle.Subscribe("ann").DisposeAsync();
            }
        }))).Guarded();
        time.Advance(PresenceHosts.Grace * 2);

        Assert.Empty(await huddle.DeparturesAsync().Guarded());
    }

    [Fact]
    public async Task Disposing_the_host_during_a_grace_period_finishes_without_running_the_handler()
    {
        SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann"]);
        SessionSubscription watcher = huddle.Subscribe();
        SessionSubscription ann = huddle.Subscribe("ann");
        await ann.DisposeAsync();
        Assert.Equal(1, host.PendingTimeoutCount);

        await host.DisposeAsync().Guarded();
        time.Advance(PresenceHosts.Grace * 2);

        Assert.Empty(await watcher.ToListAsync().AsTask().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_subscription_disposed_after_its_session_ended_arms_nothing()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann"]);
        SessionSubscription ann = huddle.Subscribe("ann");

        await huddle.DisbandAsync().Guarded();
        await ann.DisposeAsync();
        time.Advance(PresenceHosts.Grace);

        Assert.Equal(0, host.PendingTimeoutCount);
    }
    [Fact]
    public async Task A_subscription_disposed_after_its_host_arms_nothing_and_does_not_throw()
    {
        // An SSE stream's finally disposes its subscription after the application (and the host) stopped.
        SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann"]);
        SessionSubscription ann = huddle.Subscribe("ann");
        SessionSubscription twice = huddle.Subscribe("ann");
        await twice.DisposeAsync();

        await host.DisposeAsync().Guarded();
        await ann.DisposeAsync();
        await ann.DisposeAsync();
        await twice.DisposeAsync();
        time.Advance(PresenceHosts.Grace * 2);

        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_subscription_disposed_twice_arms_one_departure_only_when_it_was_the_last()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        SessionSubscription first = huddle.Subscribe("ann");
        SessionSubscription second = huddle.Subscribe("ann");

        await first.DisposeAsync();
        await first.DisposeAsync(); // must not count as the second one closing
        Assert.Equal(0, host.PendingTimeoutCount);
        await second.DisposeAsync();
        await second.DisposeAsync();
        Assert.Equal(1, host.PendingTimeoutCount);
        time.Advance(PresenceHosts.Grace);

        Assert.Equal(["ann"], await huddle.DeparturesAsync().Guarded());
    }
    [Fact]
    public async Task A_subscription_refused_as_another_process_s_session_does_not_make_a_departure()
    {
        // GET /forums/{a huddle's id}/events: the stream is refused (not a forum), and the huddle must not hear that ann left.
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        ISessionHost seam = host;

        await Assert.ThrowsAsync<SessionNotFoundException>(
            () => seam.SubscribeAsync("NotAHuddle", huddle.Id, "ann", afterSequence: null, CancellationToken.None).AsTask());
        await Assert.ThrowsAsync<SessionNotFoundException>(
            () => seam.SubscribeAsync("NotAHuddle", huddle.Id, "ann", afterSequence: 0, CancellationToken.None).AsTask());
        Assert.Equal(0, host.PendingTimeoutCount);
        time.Advance(PresenceHosts.Grace);

        Assert.Empty(await huddle.DeparturesAsync().Guarded());
    }
}
