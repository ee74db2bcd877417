using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// One caller addresses one stored session two ways: by a correlation key (its owner looked up in the store) and then by
/// the session's id.
/// </summary>
public sealed class CrossAddressOrderTests
{
    [Fact]
    public async Task A_send_by_id_issued_while_the_same_callers_correlated_send_waits_for_its_key_lookup_is_handled_after_it()
    {
        var store = new GatedLookupStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        SessionId id = (await Tab.StartAsync(host, 7).Guarded()).Id;
        host = await hosts.RestartAsync(host);
        Tab.Client tab = Tab.Connect(host, id);

        Task first = host.SendAsync(new Tab.Messages.Order(7, "1")).AsTask();
        await store.FindStarted.Guarded();
        Task second = tab.OrderAsync(7, "2").AsTask();

        store.OpenReads();
        store.OpenFinds();
        await Task.WhenAll(first, second).Guarded();
        Assert.Equal(["1", "2"], await tab.OrdersAsync().Guarded());
    }
}
