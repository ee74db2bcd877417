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

    [Fact]
    public async Task A_write_that_fails_while_an_unload_drains_the_session_does_not_end_the_senders_behind_it_on_its_next_load()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        Task queued = journal.NoteAsync("queued").AsTask(); // accepted behind the failing turn, ahead of the unload
        Task<bool> unloaded = host.UnloadAsync(journal.Id).AsTask();
        Task later = journal.NoteAsync("later").AsTask();   // refused as leaving: waits for the next load

        // The failed write takes the session out of memory with the unload's drain marker still queued; the next load
        // must not run that marker ahead of "later" and answer "later" as if the session had ended.
        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
        Assert.True(await unloaded.Guarded());
        await queued.Guarded();
        await later.Guarded();
        Assert.Equal(["queued", "later"], await journal.EntriesAsync().Guarded());
    }
}
