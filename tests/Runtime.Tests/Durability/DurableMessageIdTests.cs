using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A message retried with the same id after a restart is applied once: the handled ids are stored with each turn.</summary>
public sealed class DurableMessageIdTests
{
    [Fact]
    public async Task A_send_retried_with_its_id_in_a_new_host_gets_the_stored_result_and_is_not_applied_again()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        var id = MessageId.New();
        Assert.Equal(3, await journal.AddAsync("tea", 3, id).Guarded());
        SessionHost second = await hosts.RestartAsync(first);
        Journal.Client again = Journal.Connect(second, journal.Id);

        Assert.Equal(3, await again.AddAsync("tea", 3, id).Guarded());
        Assert.Equal(3, await second.SendAsync(journal.Id, new Journal.Messages.Add("tea", 3), id).AsTask().Guarded());

        Assert.Equal(["tea"], await again.EntriesAsync().Guarded());
    }

    [Fact]
    public async Task Stored_ids_stay_their_callers_own_in_a_new_host()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        var id = MessageId.New();
        Assert.Equal(3, await Journal.Connect(first, journal.Id, new SessionCaller("ann")).AddAsync("tea", 3, id).Guarded());
        SessionHost second = await hosts.RestartAsync(first);

        Assert.Equal(3, await Journal.Connect(second, journal.Id, new SessionCaller("ann")).AddAsync("tea", 3, id).Guarded()); // ann's repeat
        Assert.Equal(6, await Journal.Connect(second, journal.Id, new SessionCaller("bob")).AddAsync("tea", 3, id).Guarded()); // bob's own
        Assert.Equal(9, await Journal.Connect(second, journal.Id).AddAsync("tea", 3, id).Guarded()); // an anonymous one

        Assert.Equal(["tea", "tea", "tea"], await Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_post_retried_with_its_id_in_a_new_host_is_not_applied_again()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        var id = MessageId.New();
        Assert.True(await journal.PostNoteAsync("once", id).AsTask().Guarded());
        Assert.Equal(["once"], await journal.EntriesAsync().Guarded());
        SessionHost second = await hosts.RestartAsync(first);
        Journal.Client again = Journal.Connect(second, journal.Id);

        Assert.True(await again.PostNoteAsync("once", id).AsTask().Guarded());
        Assert.True(await again.PostNoteAsync("once", id).AsTask().Guarded());

        Assert.Equal(["once"], await again.EntriesAsync().Guarded());
    }

    [Fact]
    public async Task An_id_handled_longer_ago_than_the_deduplication_window_is_applied_again()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        var id = MessageId.New();
        await journal.NoteAsync("old", id).Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        hosts.Time.Advance(new SessionHostOptions().DeduplicationWindow + TimeSpan.FromSeconds(1));

        await Journal.Connect(second, journal.Id).NoteAsync("old", id).Guarded();

        Assert.Equal(["old", "old"], await Journal.Connect(second, journal.Id).EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_record_keeps_only_the_ids_handled_within_the_window()
    {
        var store = new RecordingStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.NoteAsync("a", MessageId.New()).Guarded();
        hosts.Time.Advance(new SessionHostOptions().DeduplicationWindow + TimeSpan.FromSeconds(1));
        await journal.NoteAsync("b", MessageId.New()).Guarded();

        string last = System.Text.Encoding.UTF8.GetString(store.Written[^1].Data.Span);
        using var document = System.Text.Json.JsonDocument.Parse(last);
        Assert.Equal(1, document.RootElement.GetProperty("ids").GetArrayLength());
    }
}
