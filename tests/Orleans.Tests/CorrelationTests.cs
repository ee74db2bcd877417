using Orleans.TestingHost;

namespace SessionGen.Orleans.Tests;

/// <summary>A message addressed by correlation key finds its durable session through the shared store, wherever it runs.</summary>
public sealed class CorrelationTests : IAsyncLifetime
{
    private readonly ClusterFixture cluster = new(); // its own cluster: this test kills one of its silos

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task Correlation_routing_finds_the_session_through_the_store_also_after_its_silo_was_killed()
    {
        ClusterSessionHost host = cluster.Host;
        Assert.Null(await host.SendAsync(new Tab.Messages.OpenTab(7), default).Guarded()); // matches no session: starts one
        Assert.Null(await host.SendAsync(new Tab.Messages.OpenTab(8), default).Guarded());
        Assert.Equal(1, await host.SendAsync(new Tab.Messages.Order(7, "tea"), default).Guarded());
        Assert.Equal(1, await host.SendAsync(new Tab.Messages.Order(8, "juice"), default).Guarded());
        Assert.Equal(2, await host.SendAsync(new Tab.Messages.Order(7, "scone"), default).Guarded());

        SessionId seven = Assert.IsType<SessionId>(await cluster.Store.FindAsync("Cluster.Tab", new CorrelationKey("table", "7"), CancellationToken.None));
        InProcessSiloHandle victim = Assert.Single(cluster.SilosRunning(seven));
        await cluster.Cluster.KillSiloAsync(victim).Guarded();

        Assert.Equal(3, await host.SendAsync(new Tab.Messages.Order(7, "coffee"), default).Guarded());
        Assert.NotEqual(victim.SiloAddress, Assert.Single(cluster.SilosRunning(seven)).SiloAddress);
        Assert.Equal(["tea", "scone", "coffee"], await Tab.Connect(host, seven).OrdersAsync().Guarded());
        Assert.Equal(2, await host.SendAsync(new Tab.Messages.Order(8, "water"), default).Guarded());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => host.SendAsync(new Tab.Messages.Order(9, "tea"), default).Guarded());
    }
}
