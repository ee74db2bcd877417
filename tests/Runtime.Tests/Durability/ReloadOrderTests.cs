using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// Several of one sender's messages wait for a session's load, and the session the load finds is leaving memory again:
/// they must join the next load in the order they were issued, not each retry on its own.
/// </summary>
/// <remarks>
/// The load is made to find the session registered but already out of memory (a failed write ends it there; the posts
/// are made from the runtime's yield point in <c>SessionContext.End</c>, before the registry forgets it), so it runs in the
/// interleaving collection. Which of the three retries first was a matter of thread-pool scheduling, hence the rounds.
/// </remarks>
[Collection(InterleavingCollection.Name)]
public sealed class ReloadOrderTests
{
    private const int Rounds = 50;

    [Fact]
    public async Task Posts_waiting_for_a_load_that_finds_the_session_leaving_join_the_next_load_in_the_order_sent()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        for (int round = 0; round < Rounds; round++)
        {
            Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
            SessionId id = journal.Id;

            store.CloseWrites();
            store.FailNext(new IOException("disk full"));
            Task<int> failing = journal.AddAsync("lost", 1).AsTask();
            await store.WriteStarted.Guarded();
            var posted = new TaskCompletionSource<bool[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            int fired = 0;
            Interleaving.Install(() =>
            {
                if (host.Find(id, out _) is { IsUnloaded: true } && Interlocked.Exchange(ref fired, 1) == 0)
                {
                    // The first post's load reads the store while the old instance is still registered, so it finds that
                    // one, out of memory: all three wait for a load whose session has already gone.
                    posted.SetResult([.. new[] { "1", "2", "3" }.Select(note => host.Post(id, new Journal.Messages.Note(note)))]);
                }
            });
            try
            {
                store.OpenWrites();
                await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
                Assert.All(await posted.Task.Guarded(), Assert.True);
            }
            finally
            {
                Interleaving.Uninstall();
            }

            Assert.Equal(["1", "2", "3"], await journal.EntriesAsync().Guarded());
        }
    }
}
