using SessionGen.Runtime.Tests.Durability;
using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// Review of the load line: the sender at its head gives up while its reload of the session is reading the store. The
/// next sender must take that reload's outcome, not start a second load of the same session beside it (two loads of
/// one session at once on one host: two instances read, one thrown away; for a sequential process the second waits
/// for the first's turn for as long as it lives).
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class CancelledReloadTests
{
    [Fact]
    public async Task A_sender_cancelled_during_its_reload_read_hands_that_reload_to_the_next_without_a_second_read()
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
        using var cancel = new CancellationTokenSource();
        var sent = new TaskCompletionSource<(Task Cancelled, bool Posted, int ReadsBefore)>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (host.Find(id, out _) is { IsUnloaded: true } && Interlocked.Exchange(ref fired, 1) == 0)
            {
                // The send heads the line; its first load finds the leaving instance, so it will read the store again.
                Task cancelled = journal.NoteAsync("cancelled", cancel.Token).AsTask();
                bool posted = host.Post(id, new Journal.Messages.Note("posted"));
                int readsBefore = store.ReadCount;
                store.CloseReads();
                sent.SetResult((cancelled, posted, readsBefore));
            }
        });
        (Task Cancelled, bool Posted, int ReadsBefore) made;
        try
        {
            store.OpenWrites();
            await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
            made = await sent.Task.Guarded();
        }
        finally
        {
            Interleaving.Uninstall();
        }

        // The head's reload is reading (held at the gate): the head gives up now.
        await store.ReadStarted.Guarded();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => made.Cancelled.Guarded());
        store.OpenReads();

        Assert.True(made.Posted);
        Assert.Equal(["posted"], await journal.EntriesAsync().Guarded());
        Assert.Equal(made.ReadsBefore + 1, store.ReadCount);
    }
}
