using System.Text;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// Hostile review (review13): stores that fail, misbehave or hold damaged records. A record that is not the session's
/// own is never loaded as if it were; a failed write loses nothing the store had promised.
/// </summary>
public sealed class HostileStoreTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_record_of_another_process_handed_out_by_the_store_is_refused_not_loaded_with_default_fields()
    {
        // The store ignores the process it is asked for (keyed by id only): a Tab id finds a Journal's record.
        var inner = new InMemorySessionStore();
        await using var hosts = new DurableHosts(new MisroutingStore(inner, (_, id) => ("Journal", id)));
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.NoteAsync("tea").Guarded();
        host = await hosts.RestartAsync(host);

        var error = await Assert.ThrowsAsync<SessionStateException>(() => Tab.Connect(host, journal.Id).OrdersAsync().Guarded());

        Assert.Equal(journal.Id, error.SessionId);
        Assert.False(host.Contains(journal.Id));
    }

    [Fact]
    public async Task A_record_of_another_session_handed_out_by_the_store_is_refused_not_loaded_under_the_asked_id()
    {
        var inner = new InMemorySessionStore();
        SessionId? decoy = null;
        await using var hosts = new DurableHosts(new MisroutingStore(inner, (process, id) => (process, decoy ?? id)));
        SessionHost host = hosts.Start();
        Journal.Client ann = await Journal.StartAsync(host, "ann").Guarded();
        await ann.NoteAsync("ann's secret").Guarded();
        Journal.Client bob = await Journal.StartAsync(host, "bob").Guarded();
        host = await hosts.RestartAsync(host);
        decoy = ann.Id;

        await Assert.ThrowsAsync<SessionStateException>(() => Journal.Connect(host, bob.Id).EntriesAsync().Guarded());
        Assert.False(host.Contains(bob.Id));
    }

    [Theory]
    [InlineData("""{"format":1,"fields":[1,2],"state":0,"timeouts":[],"events":{"last":0,"recent":[]},"ids":[]}""")]
    [InlineData("""{"format":1,"fields":{},"state":0,"timeouts":[],"events":{"last":0,"recent":[]},"ids":[{"what":1}]}""")]
    [InlineData("""{"format":1,"fields":{},"state":0,"timeouts":[],"events":{"last":0,"recent":[]},"ids":[{"id":"a","op":"Add","at":"yesterday"}]}""")]
    public async Task A_damaged_record_is_a_SessionStateException_naming_the_session_not_whatever_the_parser_threw(string data)
    {
        var store = new InMemorySessionStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(new SessionRecord("Journal", id, 1, false, Encoding.UTF8.GetBytes(data), [], null), default);
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();

        var error = await Assert.ThrowsAsync<SessionStateException>(() => Journal.Connect(host, id).EntriesAsync().Guarded());

        Assert.Equal(id, error.SessionId);
        Assert.False(host.Contains(id));
    }

    [Fact]
    public async Task A_record_whose_pending_timeout_cannot_be_restored_leaves_no_half_loaded_session_behind()
    {
        var store = new InMemorySessionStore();
        SessionId id = SessionId.New();
        string data = """{"format":1,"fields":{"owner":"ann"},"state":0,"timeouts":[{"name":"NoSuchTimeout","due":"2026-11-26T12:00:10+00:00","args":{}}],"events":{"last":0,"recent":[]},"ids":[]}""";
        await store.WriteAsync(new SessionRecord("Journal", id, 1, false, Encoding.UTF8.GetBytes(data), [], null), default);
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();

        await Assert.ThrowsAsync<SessionStateException>(() => Journal.Connect(host, id).OwnerAsync().Guarded());

        // The first sender was told the session cannot be loaded: so is the next, and nothing of it stays in memory.
        Assert.False(host.Contains(id));
        await Assert.ThrowsAsync<SessionStateException>(() => Journal.Connect(host, id).OwnerAsync().Guarded());
    }

    [Fact]
    public async Task A_write_that_throws_before_returning_fails_its_turn_and_the_next_message_sees_the_last_stored_turn()
    {
        var store = new SynchronouslyThrowingStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();

        store.Failing = true;
        var refused = await Assert.ThrowsAsync<SessionStateException>(() => journal.AddAsync("cake", 4).Guarded());
        store.Failing = false;

        Assert.IsType<IOException>(refused.InnerException);
        Assert.Equal(["tea"], await journal.EntriesAsync().Guarded());
        Assert.Equal(7, await journal.AddAsync("milk", 4).Guarded());
    }

    [Fact]
    public async Task A_failed_write_does_not_lose_the_sessions_pending_timeout()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.RemindInAsync("call bob", 10).Guarded();

        store.Failure = new IOException("disk full");
        await Assert.ThrowsAsync<SessionStateException>(() => journal.NoteAsync("lost").Guarded());
        store.Failure = null;

        // The store still holds the reminder, due in 10 s: it must fire then, though no message brings the session back.
        hosts.Time.Advance(10 * Second);
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(host.Contains(journal.Id), "nothing woke the session when its stored timeout fell due");
        Assert.Equal(["reminder:call bob"], await journal.EntriesAsync().Guarded());
    }

    [Fact]
    public async Task Messages_queued_behind_a_turn_whose_write_failed_are_not_told_the_session_ended_nor_dead_lettered()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();

        store.Close();
        Task<int> failing = journal.AddAsync("tea", 3).AsTask();
        Task queuedSend = journal.NoteAsync("sent behind").AsTask();
        Task<bool> postedBehind = journal.PostNoteAsync("posted behind").AsTask();
        // One failed write: what was queued behind it is queued again on the reloaded session at once, and is stored.
        store.FailOnce = true;
        store.Failure = new IOException("disk full");
        store.Open();
        await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());

        // The session did not end (the store has it as it was): what it had accepted is still handled.
        await queuedSend.Guarded();
        Assert.True(await postedBehind.Guarded());
        Assert.Equal(["sent behind", "posted behind"], await journal.EntriesAsync().Guarded());
        Assert.Equal(0, host.DeadLetterCount);
    }

    [Fact]
    public async Task A_send_by_operation_name_with_a_message_id_loads_the_stored_session()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();
        host = await hosts.RestartAsync(host);
        MessageId id = MessageId.New();

        Assert.Equal(7, await host.SendAsync(journal.Id, "Add", new Journal.Messages.Add("cake", 4), id).AsTask().Guarded());
        host = await hosts.RestartAsync(host);
        Assert.Equal(7, await host.SendAsync(journal.Id, "Add", new Journal.Messages.Add("cake", 4), id).AsTask().Guarded());
        Assert.Equal(["tea", "cake"], await Journal.Connect(host, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_sender_is_not_told_its_stored_session_is_missing_because_a_load_of_the_same_id_for_another_process_was_under_way()
    {
        var store = new GatedReadsStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        host = await hosts.RestartAsync(host);

        // "Log" is no operation of Journal's: this send looks for the id among the durable processes that declare it
        // (DurableLatch, DurableLimited, DurableKept), and its first load waits on the store.
        store.Close();
        Task<object?> byName = host.SendAsync(journal.Id, "Log", new DurableLatch.Messages.Log()).AsTask();
        Task<string[]> typed = Journal.Connect(host, journal.Id).EntriesAsync().AsTask();
        store.Open();

        Assert.Empty(await typed.Guarded());
        Exception? refused = await Record.ExceptionAsync(() => byName.Guarded());
        Assert.True(refused is SessionNotFoundException or UnknownOperationException, $"by name: {refused}");
    }

    [Fact]
    public async Task Sends_by_operation_name_to_a_stored_session_are_handled_in_the_order_sent()
    {
        await using var hosts = new DurableHosts(new SlowFindStore(new InMemorySessionStore()));
        SessionHost host = hosts.Start();
        var ids = new List<SessionId>();
        for (int i = 0; i < 100; i++)
        {
            ids.Add((await Journal.StartAsync(host, "ann").Guarded()).Id);
        }

        host = await hosts.RestartAsync(host);
        foreach (SessionId id in ids)
        {
            Task first = host.SendAsync(id, "Note", new Journal.Messages.Note("1")).AsTask();
            Task second = host.SendAsync(id, "Note", new Journal.Messages.Note("2")).AsTask();
            Task third = host.SendAsync(id, "Note", new Journal.Messages.Note("3")).AsTask();
            await Task.WhenAll(first, second, third).Guarded();

            Assert.Equal(["1", "2", "3"], await Journal.Connect(host, id).EntriesAsync().Guarded());
        }
    }

    [Fact]
    public async Task Correlated_sends_to_a_stored_session_are_handled_in_the_order_sent()
    {
        await using var hosts = new DurableHosts(new SlowFindStore(new InMemorySessionStore()));
        SessionHost host = hosts.Start();
        var ids = new List<SessionId>();
        for (int table = 0; table < 100; table++)
        {
            ids.Add((await Tab.StartAsync(host, table).Guarded()).Id);
        }

        host = await hosts.RestartAsync(host);
        for (int table = 0; table < 100; table++)
        {
            Task first = host.SendAsync(new Tab.Messages.Order(table, "1")).AsTask();
            Task second = host.SendAsync(new Tab.Messages.Order(table, "2")).AsTask();
            Task third = host.SendAsync(new Tab.Messages.Order(table, "3")).AsTask();
            await Task.WhenAll(first, second, third).Guarded();

            Assert.Equal(["1", "2", "3"], await Tab.Connect(host, ids[table]).OrdersAsync().Guarded());
        }
    }
}
