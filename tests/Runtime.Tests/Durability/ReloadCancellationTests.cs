using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// The sender at the head of a line whose session has left memory loads it again, holding its turn: if it gives up
/// (its token is cancelled) meanwhile, it leaves the line, and the next sender loads the session in its place.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class ReloadCancellationTests
{
    [Fact]
    public async Task A_sender_cancelled_while_it_reloads_for_the_line_leaves_and_the_next_one_reloads_and_is_handled()
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
        var sent = new TaskCompletionSource<(Task Cancelled, bool Posted)>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (host.Find(id, out _) is { IsUnloaded: true } && Interlocked.Exchange(ref fired, 1) == 0)
            {
                // The send heads the line and waits, holding its turn, for the old instance to leave the registry.
                Task cancelled = journal.NoteAsync("cancelled", cancel.Token).AsTask();
                bool posted = host.Post(id, new Journal.Messages.Note("posted"));
                cancel.Cancel();
                sent.SetResult((cancelled, posted));
            }
        });
        (Task Cancelled, bool Posted) made;
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

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => made.Cancelled.Guarded());
        Assert.True(made.Posted);
        Assert.Equal(["posted"], await journal.EntriesAsync().Guarded());
    }
}
