using Orleans.TestingHost;

namespace SessionGen.Orleans.Tests;

/// <summary>The silo that runs a session is killed while a client is subscribed to it.</summary>
public sealed class SubscriptionSiloLossTests : IAsyncLifetime
{
    private readonly ClusterFixture cluster = new(); // its own cluster: this test kills one of its silos

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task After_the_sessions_silo_is_killed_the_subscription_resumes_without_gap_or_repeat()
    {
        ClusterSessionHost host = cluster.NewHost().KnownEvent<ParticipantJoined>();
        Meeting.Client review = await Meeting.StartAsync(host, "resumed", ["ann"]).Guarded();
        await using SessionSubscription events = await host.SubscribeAsync("Cluster.Meeting", review.Id, null, null, default).Guarded();
        await review.JoinAsync("bob").Guarded();
        await review.JoinAsync("cat").Guarded();
        Assert.Equal(new ParticipantJoined("bob"), (await events.ReadAsync().Guarded()).Payload);
        Assert.Equal(new ParticipantJoined("cat"), (await events.ReadAsync().Guarded()).Payload);
        InProcessSiloHandle victim = Assert.Single(cluster.SilosRunning(review.Id));

        await cluster.Cluster.KillSiloAsync(victim).Guarded();

        // Emitted on a survivor before this client has resubscribed there: they come in its answer (the stored
        // session's retained events), the later ones live; none is missing, none comes twice.
        await review.JoinAsync("dan").Guarded();
        await review.JoinAsync("eve").Guarded();
        Assert.NotEqual(victim.SiloAddress, Assert.Single(cluster.SilosRunning(review.Id)).SiloAddress);
        var read = new List<SessionEvent>();
        while (read.Count < 2)
        {
            read.Add(await events.ReadAsync().Guarded());
        }

        await review.JoinAsync("fay").Guarded(); // live, after the resubscribe
        read.Add(await events.ReadAsync().Guarded());

        Assert.Equal([new ParticipantJoined("dan"), new ParticipantJoined("eve"), new ParticipantJoined("fay")], read.Select(e => e.Payload));
        Assert.Equal(read.Select(e => e.Sequence).Order(), read.Select(e => e.Sequence));
        Assert.Equal(0, events.MissedEvents);
        Assert.False(events.TryRead(out SessionEvent? extra), $"unexpected {extra}");
    }
}
