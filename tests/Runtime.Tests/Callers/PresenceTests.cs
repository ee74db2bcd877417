namespace SessionGen.Runtime.Tests.Callers;

/// <summary>
/// <c>[OnParticipantLeft]</c>: it runs once a participant's last subscription has closed and the grace period has passed
/// without a new one. Advancing the fake clock queues the departure on the session's turn before <c>Advance</c> returns,
/// so the next message sent is handled after it.
/// </summary>
public sealed class PresenceTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_participant_whose_last_subscription_closed_leaves_once_the_grace_period_has_passed()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        SessionSubscription ann = huddle.Subscribe("ann");
        await using SessionSubscription bob = huddle.Subscribe("bob");

        await ann.DisposeAsync();
        time.Advance(PresenceHosts.Grace - Tick);
        Assert.Equal(["ann", "bob"], await huddle.PresentAsync().Guarded());

        time.Advance(Tick);
        Assert.Equal(["bob"], await huddle.PresentAsync().Guarded());
        Assert.Equal(["ann"], await huddle.DeparturesAsync().Guarded());
    }

    [Fact]
    public async Task A_reconnect_within_the_grace_period_is_not_a_departure()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann"]);
        SessionSubscription first = huddle.Subscribe("ann");

        await first.DisposeAsync();
        time.Advance(PresenceHosts.Grace / 2);
        await using SessionSubscription again = huddle.Subscribe("ann");
        Assert.Equal(0, host.PendingTimeoutCount); // the reconnect cancelled the departure, not just outran it
        time.Advance(PresenceHosts.Grace * 3);

        Assert.Empty(await huddle.DeparturesAsync().Guarded());
    }

    [Fact]
    public async Task A_participant_with_two_subscriptions_leaves_only_once_both_have_closed()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        await using SessionSubscription bob = huddle.Subscribe("bob");
        SessionSubscription tab1 = huddle.Subscribe("ann");
        SessionSubscription tab2 = huddle.Subscribe("ann");

        await tab1.DisposeAsync();
        time.Advance(PresenceHosts.Grace * 2);
        Assert.Empty(await huddle.DeparturesAsync().Guarded());

        await tab2.DisposeAsync();
        await tab2.DisposeAsync(); // a second dispose is not a second departure
        time.Advance(PresenceHosts.Grace);
        Assert.Equal(["ann"], await huddle.DeparturesAsync().Guarded());
    }

    [Fact]
    public async Task The_session_ends_when_everyone_has_gone()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        await using SessionSubscription watcher = huddle.Subscribe(); // without a participant: does not count
        SessionSubscription ann = huddle.Subscribe("ann");
        SessionSubscription bob = huddle.Subscribe("bob");

        await ann.DisposeAsync();
        await bob.DisposeAsync();
        time.Advance(PresenceHosts.Grace);

        List<SessionEvent> events = await watcher.ToListAsync().AsTask().Guarded();
        Assert.Equal([new Departed("ann"), new Departed("bob")], events.Select(e => e.Payload));
        Assert.False(host.Contains(huddle.Id));
    }

    [Fact]
    public async Task Subscriptions_without_a_participant_and_participants_who_never_subscribed_do_not_leave()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann"]);

        SessionSubscription anonymous = huddle.Subscribe();
        await anonymous.DisposeAsync();
        time.Advance(PresenceHosts.Grace * 2);

        Assert.Empty(await huddle.DeparturesAsync().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_departure_pending_when_the_session_ends_never_runs()
    {
        await using SessionHost host = PresenceHosts.Create(out var time);
        Huddle.Client huddle = await Huddle.StartAsync(host, ["ann", "bob"]);
        await using SessionSubscription watcher = huddle.Subscribe();
        SessionSubscription ann = huddle.Subscribe("ann");

        await ann.DisposeAsync();
        await huddle.DisbandAsync().Guarded();
        time.Advance(PresenceHosts.Grace * 2);

        Assert.Empty(await watcher.ToListAsync().AsTask().Guarded());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_process_without_a_presence_handler_arms_nothing()
    {
        await using SessionHost host = PresenceHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host);

        SessionSubscription ann = lounge.Subscribe("ann");
        await ann.DisposeAsync();

        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public void A_negative_grace_period_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionHost(new SessionHostOptions { ParticipantLeftGrace = TimeSpan.FromSeconds(-1) }));
    }
}
