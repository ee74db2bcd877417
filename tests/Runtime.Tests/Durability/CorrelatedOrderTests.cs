using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// One sender's correlated messages to a stored session keep their order through each wait on the store: the look-up
/// of the key's owner, then the owner's load (see TurnQueueTests for the race this guards, HostileStoreTests for the load).
/// </summary>
public sealed class CorrelatedOrderTests
{
    [Fact]
    public async Task Correlated_sends_made_during_the_key_lookup_and_during_the_load_are_handled_in_the_order_sent()
    {
        var store = new GatedLookupStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        SessionId id = (await Tab.StartAsync(host, 7).Guarded()).Id;
        host = await hosts.RestartAsync(host);

        Task first = host.SendAsync(new Tab.Messages.Order(7, "1")).AsTask();
        await store.FindStarted.Guarded();
        Task second = host.SendAsync(new Tab.Messages.Order(7, "2")).AsTask();

        // The key's owner is known and its load has begun: a message sent now waits behind the two before it, whether it
        // still finds their look-up or the load.
        store.OpenFinds();
        await store.ReadStarted.Guarded();
        Task third = host.SendAsync(new Tab.Messages.Order(7, "3")).AsTask();

        store.OpenReads();
        await Task.WhenAll(first, second, third).Guarded();
        Assert.Equal(["1", "2", "3"], await Tab.Connect(host, id).OrdersAsync().Guarded());
    }

    [Fact]
    public async Task Sends_by_id_and_posts_made_during_the_load_are_handled_in_the_order_sent()
    {
        var store = new GatedLookupStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        SessionId id = (await Tab.StartAsync(host, 7).Guarded()).Id;
        host = await hosts.RestartAsync(host);
        Tab.Client tab = Tab.Connect(host, id);

        Task first = tab.OrderAsync(7, "1").AsTask();
        await store.ReadStarted.Guarded();
        Assert.True(host.Post(id, new Tab.Messages.Order(7, "2")));
        Task third = host.SendAsync(new Tab.Messages.Order(7, "3")).AsTask();

        store.OpenFinds();
        store.OpenReads();
        await Task.WhenAll(first, third).Guarded();
        Assert.Equal(["1", "2", "3"], await tab.OrdersAsync().Guarded());
    }
}
