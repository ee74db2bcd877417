using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// <see cref="SessionHost.UnloadAsync"/>: a host that does not decide where its sessions live (a cluster's grain does)
/// takes one durable session out of memory; it lives on in the store, and only once its accepted turns are stored.
/// </summary>
public sealed class UnloadTests
{
    [Fact]
    public async Task An_unloaded_session_leaves_memory_keeps_its_state_and_loads_again_on_its_next_message()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();

        Assert.True(await host.UnloadAsync(journal.Id).AsTask().Guarded());

        Assert.False(host.Contains(journal.Id));
        Assert.False(await host.UnloadAsync(journal.Id).AsTask().Guarded());
        SessionHost other = hosts.Start();
        Assert.Equal(["tea"], await Journal.Connect(other, journal.Id).EntriesAsync().Guarded());
        Assert.Equal(0, await Journal.Connect(other, journal.Id).HandledSinceLoadAsync().Guarded());
    }

    [Fact]
    public async Task Unloading_waits_for_the_turn_being_stored_and_what_was_queued_behind_it()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        store.Close();
        Task<int> added = journal.AddAsync("tea", 3).AsTask();
        Task<bool> posted = journal.PostNoteAsync("queued").AsTask();
        await store.WriteStarted.Guarded();
        Task<bool> unloaded = host.UnloadAsync(journal.Id).AsTask();

        Assert.False(unloaded.IsCompleted);
        Assert.True(host.Contains(journal.Id));
        store.Open();
        Assert.True(await unloaded.Guarded());
        Assert.Equal(3, await added.Guarded());
        Assert.True(await posted.Guarded());
        Assert.False(host.Contains(journal.Id));
        Assert.Equal(["tea", "queued"], await Journal.Connect(hosts.Start(), journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_second_unload_while_the_first_drains_answers_true_once_the_session_has_left()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        store.Close();
        Task<int> added = journal.AddAsync("tea", 3).AsTask();
        await store.WriteStarted.Guarded();
        Task<bool> first = host.UnloadAsync(journal.Id).AsTask();
        Task<bool> second = host.UnloadAsync(journal.Id).AsTask();

        // Both asked while the session was in memory and leaving: neither may say it was not there, nor answer before it left.
        Assert.False(second.IsCompleted);
        Assert.True(host.Contains(journal.Id));
        store.Open();
        Assert.True(await first.Guarded());
        Assert.True(await second.Guarded());
        Assert.Equal(3, await added.Guarded());
        Assert.False(host.Contains(journal.Id));
    }

    [Fact]
    public async Task A_second_unload_that_is_cancelled_while_the_first_drains_throws_and_the_session_still_leaves()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        store.Close();
        Task<int> added = journal.AddAsync("tea", 3).AsTask();
        await store.WriteStarted.Guarded();
        Task<bool> first = host.UnloadAsync(journal.Id).AsTask();
        using var cancel = new CancellationTokenSource();
        Task<bool> second = host.UnloadAsync(journal.Id, cancel.Token).AsTask();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.Guarded());
        store.Open();
        Assert.True(await first.Guarded());
        Assert.Equal(3, await added.Guarded());
        Assert.False(host.Contains(journal.Id));
    }

    [Fact]
    public async Task A_session_that_is_not_durable_is_not_unloaded_and_an_unknown_one_is_not_in_memory()
    {
        await using var host = new SessionHost();
        FrontDesk.Client desk = await FrontDesk.StartAsync(host).AsTask().Guarded();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.UnloadAsync(desk.Id).AsTask().Guarded());
        Assert.True(host.Contains(desk.Id));
        Assert.False(await host.UnloadAsync(SessionId.New()).AsTask().Guarded());
    }
}
