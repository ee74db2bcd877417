using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// <see cref="SessionHost.UnloadAsync"/> lets a session finish what it had accepted before it leaves memory: a message
/// sent meanwhile is refused by the draining session, and must wait for its next load (not be told the session ended),
/// behind what it had accepted, in the order sent.
/// </summary>
public sealed class UnloadDrainOrderTests
{
    [Fact]
    public async Task Messages_sent_while_an_unload_drains_the_session_are_handled_after_it_reloads_in_the_order_sent()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        store.CloseWrites();
        Task<int> accepted = journal.AddAsync("accepted", 1).AsTask();
        await store.WriteStarted.Guarded();
        Task<bool> unloaded = host.UnloadAsync(journal.Id).AsTask();
        Assert.True(host.Post(journal.Id, new Journal.Messages.Note("1")));
        Task second = journal.NoteAsync("2").AsTask();
        Assert.True(host.Post(journal.Id, new Journal.Messages.Note("3")));

        store.OpenWrites();
        Assert.Equal(1, await accepted.Guarded());
        Assert.True(await unloaded.Guarded());
        await second.Guarded();
        Assert.Equal(["accepted", "1", "2", "3"], await journal.EntriesAsync().Guarded());
    }
}
