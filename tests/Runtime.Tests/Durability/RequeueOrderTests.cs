using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A durable session whose write fails leaves memory, and what it had accepted behind the failed turn is queued again
/// on its next load: a message its sender issued after those, while the session was leaving, must wait behind them.
/// </summary>
/// <remarks>
/// Uses the runtime's yield point in <c>SessionContext.End</c> (after the session has ended there, before the registry
/// forgets it), so it runs alone, in the interleaving collection.
/// </remarks>
[Collection(InterleavingCollection.Name)]
public sealed class RequeueOrderTests
{
    [Fact]
    public async Task A_post_issued_while_a_failed_write_takes_the_session_out_of_memory_is_handled_after_what_it_had_accepted()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;

        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        Assert.True(host.Post(id, new Journal.Messages.Note("1")));
        Assert.True(host.Post(id, new Journal.Messages.Note("2")));

        // The third is posted as the session leaves memory (ended here, not yet forgotten), while reads wait.
        store.CloseReads();
        var third = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (host.Find(id, out _) is { IsUnloaded: true } && Interlocked.Exchange(ref fired, 1) == 0)
            {
                third.SetResult(host.Post(id, new Journal.Messages.Note("3")));
            }
        });
        try
        {
            store.OpenWrites();
            await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
            Assert.True(await third.Task.Guarded());
        }
        finally
        {
            Interleaving.Uninstall();
        }

        store.OpenReads();
        Assert.Equal(["1", "2", "3"], await journal.EntriesAsync().Guarded());
    }
}
