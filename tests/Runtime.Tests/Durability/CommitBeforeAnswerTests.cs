using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>Nobody hears of a durable turn (its caller, its subscribers) before the store has it.</summary>
public sealed class CommitBeforeAnswerTests
{
    [Fact]
    public async Task The_caller_gets_its_answer_and_subscribers_the_turns_events_only_once_the_turn_is_stored()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await using SessionSubscription events = journal.Subscribe();
        await using IAsyncEnumerator<SessionEvent> next = events.GetAsyncEnumerator();
        ValueTask<bool> firstEvent = next.MoveNextAsync();

        store.Close();
        Task<int> added = journal.AddAsync("tea", 3).AsTask();
        Task<string[]> queuedBehind = journal.EntriesAsync().AsTask();

        Assert.False(added.IsCompleted);
        Assert.False(firstEvent.IsCompleted);
        Assert.False(queuedBehind.IsCompleted);
        Assert.Single(store.Written); // the start only

        store.Open();
        Assert.Equal(3, await added.Guarded());
        Assert.True(await firstEvent.AsTask().Guarded());
        Assert.Equal(new JournalChanged("tea", 3), next.Current.Payload);
        Assert.Equal(1, next.Current.Sequence);
        Assert.Equal(["tea"], await queuedBehind.Guarded());
    }

    [Fact]
    public async Task A_turn_the_store_refuses_is_not_applied_its_caller_hears_why_and_the_next_message_sees_the_last_stored_turn()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();
        await using SessionSubscription events = journal.Subscribe();

        store.Failure = new IOException("disk full");
        var refused = await Assert.ThrowsAsync<SessionStateException>(() => journal.AddAsync("cake", 4).Guarded());
        store.Failure = null;

        Assert.IsType<IOException>(refused.InnerException);
        Assert.Contains("disk full", refused.Message);
        Assert.Equal(["tea"], await journal.EntriesAsync().Guarded());
        Assert.Equal(7, await journal.AddAsync("milk", 4).Guarded());
        Assert.DoesNotContain(store.Written, record => record.Version > 3);
    }

    [Fact]
    public async Task A_post_is_told_true_and_its_events_are_published_only_once_its_turn_is_stored()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await using SessionSubscription events = journal.Subscribe();
        await using IAsyncEnumerator<SessionEvent> next = events.GetAsyncEnumerator();
        ValueTask<bool> firstEvent = next.MoveNextAsync();

        store.Close();
        Task<bool> posted = journal.PostAddAsync("tea", 3).AsTask();
        await store.WriteStarted.Guarded(); // the turn has run; only its write is held
        Assert.False(posted.IsCompleted);
        Assert.False(firstEvent.IsCompleted);

        store.Open();
        Assert.True(await posted.Guarded());
        Assert.True(await firstEvent.AsTask().Guarded());
        Assert.Equal(2, store.Written.Count);
    }

    [Fact]
    public async Task A_post_whose_turn_the_store_refuses_hears_why_and_is_not_applied()
    {
        var store = new GatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        store.Failure = new IOException("disk full");
        var refused = await Assert.ThrowsAsync<SessionStateException>(() => journal.PostNoteAsync("lost").AsTask().Guarded());
        store.Failure = null;

        Assert.Contains("disk full", refused.Message);
        Assert.Empty(await journal.EntriesAsync().Guarded());
    }

    [Fact]
    public async Task A_post_whose_handler_throws_is_handled_and_the_fault_policy_outcome_is_stored()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();

        Assert.True(await journal.PostFailAsync("cake").AsTask().Guarded());

        // The default policy ends a session whose handler threw, and the store has it ended.
        SessionHost next = await hosts.RestartAsync(host);
        Assert.False(await Journal.Connect(next, journal.Id).PostNoteAsync("after").AsTask().Guarded());
    }
}
