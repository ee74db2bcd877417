using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A durable session leaves memory after a failed write, holding a post it had accepted; the load that would requeue
/// that post is still reading the store when the host stops. The post then becomes a dead letter, and the host's
/// dead-letter subscriptions must still be open to receive it: nothing accepted is lost silently.
/// </summary>
public sealed class LateRequeueDeadLetterTests
{
    [Fact]
    public async Task A_post_that_cannot_be_requeued_because_the_host_stopped_reaches_the_dead_letter_subscribers()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        await using IAsyncEnumerator<DeadLetter> nextDeadLetter = deadLetters.GetAsyncEnumerator();

        // A turn whose write fails, with a post accepted behind it.
        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        Assert.True(host.Post(id, new Journal.Messages.Note("behind")));

        // The session leaves memory and its requeue load waits on the store; the host stops meanwhile.
        store.CloseReads();
        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
        await store.ReadStarted.Guarded();
        await host.DisposeAsync().AsTask().Guarded();
        store.OpenReads();

        Assert.True(await nextDeadLetter.MoveNextAsync().AsTask().Guarded());
        Assert.Equal(new Journal.Messages.Note("behind"), nextDeadLetter.Current.Message);
        Assert.False(await nextDeadLetter.MoveNextAsync().AsTask().Guarded());
        Assert.Equal(1, host.DeadLetterCount);
    }

    [Fact]
    public async Task A_post_that_cannot_be_requeued_because_the_host_stopped_is_filed_as_host_stopping_not_session_ended()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        await using IAsyncEnumerator<DeadLetter> nextDeadLetter = deadLetters.GetAsyncEnumerator();

        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        Assert.True(host.Post(id, new Journal.Messages.Note("behind")));
        store.CloseReads();
        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
        await store.ReadStarted.Guarded();
        await host.DisposeAsync().AsTask().Guarded();
        store.OpenReads();

        // The session did not end: the host stopped before the post could reach its next load.
        Assert.True(await nextDeadLetter.MoveNextAsync().AsTask().Guarded());
        Assert.Equal(DeadLetterReason.HostStopping, nextDeadLetter.Current.Reason);
    }

    [Fact]
    public async Task A_post_accepted_for_a_session_being_loaded_when_the_host_stops_reaches_the_dead_letter_subscribers()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        Assert.True(await host.UnloadAsync(journal.Id).Guarded());
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();

        // Accepted for the stored session, whose load waits on the store; the host stops meanwhile.
        store.CloseReads();
        Assert.True(host.Post(journal.Id, new Journal.Messages.Note("while loading")));
        await store.ReadStarted.Guarded();
        await host.DisposeAsync().AsTask().Guarded();
        store.OpenReads();

        var received = new List<DeadLetter>();
        await foreach (DeadLetter letter in deadLetters.WithCancellation(CancellationToken.None))
        {
            received.Add(letter);
        }

        DeadLetter only = Assert.Single(received);
        Assert.Equal(new Journal.Messages.Note("while loading"), only.Message);
        Assert.Equal(DeadLetterReason.HostStopping, only.Reason);
    }
}
