using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A durable session's fields, end and correlation with its store, across hosts.</summary>
public sealed class DurableStateTests
{
    [Fact]
    public async Task A_durable_session_carries_on_in_a_new_host_with_its_fields()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();
        await journal.AddAsync("cake", 4).Guarded();

        SessionHost second = await hosts.RestartAsync(first);
        Assert.False(second.Contains(journal.Id));
        Journal.Client again = Journal.Connect(second, journal.Id);

        Assert.Equal(10, await again.AddAsync("milk", 3).Guarded());
        Assert.Equal(["tea", "cake", "milk"], await again.EntriesAsync().Guarded());
        Assert.Equal("ann", await again.OwnerAsync().Guarded());
        Assert.True(second.Contains(journal.Id));
    }

    [Fact]
    public async Task A_transient_field_starts_again_from_its_default_after_a_reload()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.NoteAsync("a").Guarded();
        await journal.NoteAsync("b").Guarded();
        Assert.Equal(2, await journal.HandledSinceLoadAsync().Guarded());

        SessionHost second = await hosts.RestartAsync(first);

        Assert.Equal(0, await Journal.Connect(second, journal.Id).HandledSinceLoadAsync().Guarded());
    }

    [Fact]
    public async Task An_ended_durable_session_stays_ended_in_a_new_host()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.CloseAsync().Guarded();

        SessionHost second = await hosts.RestartAsync(first);

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
        Assert.False(second.Contains(journal.Id));
    }

    [Fact]
    public async Task A_session_the_store_never_had_is_not_found()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => Journal.Connect(host, SessionId.New()).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_handler_that_throws_ends_the_session_in_the_store_under_the_default_policy()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();

        await Assert.ThrowsAsync<SessionFaultedException>(() => journal.FailAsync("x").Guarded());

        SessionHost second = await hosts.RestartAsync(first);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task Starting_a_durable_process_on_a_host_without_a_store_fails_and_leaves_no_session()
    {
        await using var host = new SessionHost();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Journal.StartAsync(host, "ann").Guarded());

        Assert.Contains("SessionHostOptions.Store", error.Message);
        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task Starting_with_an_id_the_store_already_holds_is_refused()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        SessionHost second = await hosts.RestartAsync(first);

        await Assert.ThrowsAsync<SessionAlreadyExistsException>(
            () => second.SendAsync(journal.Id, new Journal.Messages.Open("bob")).AsTask().Guarded());

        Assert.Equal("ann", await Journal.Connect(second, journal.Id).OwnerAsync().Guarded());
    }

    [Fact]
    public async Task Every_turn_writes_one_record_whose_version_follows_the_last()
    {
        var store = new RecordingStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.NoteAsync("a").Guarded();
        await journal.AddAsync("b", 1).Guarded();

        Assert.Equal([1L, 2L, 3L], store.Written.Select(record => record.Version));
        Assert.All(store.Written, record => Assert.Equal("Journal", record.Process));
        Assert.All(store.Written, record => Assert.False(record.Ended));
    }
}
