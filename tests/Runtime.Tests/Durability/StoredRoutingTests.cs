using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>Messages reach stored sessions that are not in memory: by correlation key, by operation name, by post.</summary>
public sealed class StoredRoutingTests
{
    [Fact]
    public async Task A_correlated_message_loads_the_stored_session_that_holds_its_key()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        await first.SendAsync(new Tab.Messages.OpenTab(7)).AsTask().Guarded();
        await first.SendAsync(new Tab.Messages.Order(7, "tea")).AsTask().Guarded();
        SessionHost second = await hosts.RestartAsync(first);

        object? count = await second.SendAsync(new Tab.Messages.Order(7, "stout")).AsTask().Guarded();

        Assert.Equal(2, count);
        Assert.Equal(1, second.SessionCount);
    }

    [Fact]
    public async Task A_key_of_an_ended_stored_session_routes_nowhere()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        await first.SendAsync(new Tab.Messages.OpenTab(8)).AsTask().Guarded();
        await first.SendAsync(new Tab.Messages.Pay(8)).AsTask().Guarded();
        SessionHost second = await hosts.RestartAsync(first);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => second.SendAsync(new Tab.Messages.Order(8, "tea")).AsTask().Guarded());
    }

    [Fact]
    public async Task A_message_by_operation_name_loads_the_stored_session()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.NoteAsync("a").Guarded();
        SessionHost second = await hosts.RestartAsync(first);

        await second.SendAsync(journal.Id, "Note", new Journal.Messages.Note("b")).AsTask().Guarded();

        Assert.Equal(["a", "b"], await Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_post_to_a_stored_session_is_handled_once_it_is_loaded()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        Journal.Client again = Journal.Connect(second, journal.Id);

        Task<bool> posted = again.PostNoteAsync("posted").AsTask();
        Assert.Equal(["posted", "sent"], await SendAfterPostAsync(again));
        Assert.True(await posted.Guarded());
    }

    [Fact]
    public async Task An_untyped_post_to_a_stored_session_is_handled_once_it_is_loaded()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        SessionHost second = await hosts.RestartAsync(first);

        // The synchronous one-way post: accepted now, queued once the session is loaded, ahead of what follows.
        Assert.True(second.Post(journal.Id, new Journal.Messages.Note("posted")));

        Assert.Equal(["posted", "sent"], await SendAfterPostAsync(Journal.Connect(second, journal.Id)));
    }

    [Fact]
    public async Task A_post_to_a_session_the_store_does_not_have_is_refused_without_a_dead_letter()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();

        Assert.False(await Journal.Connect(host, SessionId.New()).PostNoteAsync("lost").AsTask().Guarded());

        Assert.Equal(0, host.DeadLetterCount); // the sender was told: nothing to file
    }

    [Fact]
    public async Task Concurrent_first_messages_to_a_stored_session_load_it_once()
    {
        var store = new CountingReadsStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        Journal.Client again = Journal.Connect(second, journal.Id);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => again.NoteAsync($"n{i}").AsTask()))).Guarded();

        Assert.Equal(50, (await again.EntriesAsync().Guarded()).Length);
        Assert.Equal(1, store.Reads);
    }

    private static async Task<string[]> SendAfterPostAsync(Journal.Client journal)
    {
        await journal.NoteAsync("sent").Guarded();
        return await journal.EntriesAsync().Guarded();
    }
}
