namespace SessionGen.Orleans.Tests;

/// <summary>Events cross the cluster to a client's subscription, typed when the client knows the type.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SubscriptionTests(ClusterFixture cluster)
{
    [Fact]
    public async Task Events_reach_a_subscriber_on_the_client_typed_when_known_and_as_RestoredEvent_otherwise()
    {
        ClusterSessionHost typed = cluster.NewHost().KnownEvent<ParticipantJoined>().KnownEvent<SessionError>();
        Meeting.Client review = await Meeting.StartAsync(typed, "events", ["ann"]).Guarded();
        await using SessionSubscription events = await typed.SubscribeAsync("Cluster.Meeting", review.Id, null, null, default).Guarded();
        await using SessionSubscription raw = await cluster.NewHost().SubscribeAsync("Cluster.Meeting", review.Id, null, null, default).Guarded();

        await review.JoinAsync("bob").Guarded();
        await review.JoinAsync("bob").Guarded();

        SessionEvent joined = await events.ReadAsync().Guarded();
        Assert.Equal(new ParticipantJoined("bob"), joined.Payload);
        Assert.Equal(new SessionError("participant already present", "bob"), (await events.ReadAsync().Guarded()).Payload);
        var restored = Assert.IsType<RestoredEvent>((await raw.ReadAsync().Guarded()).Payload);
        Assert.Equal(nameof(ParticipantJoined), restored.Type);
        Assert.Equal("bob", restored.Data.GetProperty("Name").GetString());
        Assert.Equal(joined.Sequence, (await raw.ReadAsync().Guarded()).Sequence - 1);
    }

    [Fact]
    public async Task The_generated_clients_Subscribe_receives_events_and_completes_when_the_session_ends()
    {
        ClusterSessionHost host = cluster.NewHost().KnownEvent<ParticipantLeft>().KnownEvent<SessionError>();
        Meeting.Client review = await Meeting.StartAsync(host, "short", ["ann"]).Guarded();
        SessionSubscription events = review.Subscribe(); // returns at once: the grain has it a little later

        // Joining ann again changes nothing and emits an error event: once one arrives, the subscription is live.
        Assert.True(await Guards.EventuallyAsync(
            async () => await review.JoinAsync("ann") == JoinResult.AlreadyPresent && events.TryRead(out _), TimeSpan.FromSeconds(10)));
        await review.LeaveAsync("ann").Guarded(); // the last one: the session ends

        var read = new List<object>();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (SessionEvent e in events.WithCancellation(guard.Token))
        {
            read.Add(e.Payload);
        }

        Assert.Equal([new ParticipantLeft("ann")], read.Where(payload => payload is not SessionError));
    }

    [Fact]
    public async Task EmitTo_reaches_only_that_participants_subscription()
    {
        ClusterSessionHost host = cluster.NewHost().KnownEvent<ParticipantJoined>().KnownEvent<Welcome>();
        Meeting.Client review = await Meeting.StartAsync(host, "private", ["ann"]).Guarded();
        await using SessionSubscription bob = await host.SubscribeAsync("Cluster.Meeting", review.Id, "bob", null, default).Guarded();
        await using SessionSubscription cat = await host.SubscribeAsync("Cluster.Meeting", review.Id, "cat", null, default).Guarded();
        await using SessionSubscription everyone = await host.SubscribeAsync("Cluster.Meeting", review.Id, null, null, default).Guarded();

        await review.JoinAsync("bob").Guarded();
        await review.JoinAsync("cat").Guarded();
        Assert.True(await Guards.EventuallyAsync(async () => (await review.WelcomedAsync()).Length == 2, TimeSpan.FromSeconds(10)));
        await review.JoinAsync("dan").Guarded(); // the last event each one reads here

        Assert.Equal(
            [new ParticipantJoined("bob"), new ParticipantJoined("cat"), new Welcome("bob", "welcome to private"), new ParticipantJoined("dan")],
            await ReadThroughDan(bob));
        Assert.Equal(
            [new ParticipantJoined("bob"), new ParticipantJoined("cat"), new Welcome("cat", "welcome to private"), new ParticipantJoined("dan")],
            await ReadThroughDan(cat));
        Assert.Equal(
            [new ParticipantJoined("bob"), new ParticipantJoined("cat"), new ParticipantJoined("dan")],
            await ReadThroughDan(everyone));
    }

    internal static async Task<List<object>> ReadThroughDan(SessionSubscription subscription)
    {
        var read = new List<object>();
        while (true)
        {
            object payload = (await subscription.ReadAsync().Guarded()).Payload;
            read.Add(payload);
            if (payload is ParticipantJoined { Name: "dan" })
            {
                return read;
            }
        }
    }
}
