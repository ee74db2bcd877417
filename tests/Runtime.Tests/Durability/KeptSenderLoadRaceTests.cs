using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A kept sender (its session left memory after a failed write) cancels just as the next load takes what was kept
/// and queues it on the loaded instance: its withdrawal looks at the old instance and at the kept list, and finds it in
/// neither. It must still be answered as cancelled, and its message not handled.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class KeptSenderLoadRaceTests
{
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_kept_sender_that_cancels_while_the_load_moves_it_to_the_new_instance_is_answered_as_cancelled_and_not_handled()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
        SessionId id = narrow.Id;
        TaskCompletionSource started = NewSignal();
        TaskCompletionSource release = NewSignal();
        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<string> held = narrow.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();
        using var cancel = new CancellationTokenSource();
        Task cancelled = narrow.NoteAsync("cancelled", cancel.Token).AsTask(); // accepted: the one place
        Task kept = narrow.NoteAsync("kept").AsTask();                         // waits for room

        store.CloseReads();
        release.SetResult();
        await store.WriteStarted.Guarded();
        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => held.Guarded());
        await store.ReadStarted.Guarded(); // the session left memory; its next load waits for the store

        // The withdrawal has read which instance it belongs to (the old one); the load then registers the new instance
        // and takes the kept messages off the kept list before the withdrawal looks there.
        int canceller = Environment.CurrentManagedThreadId;
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (Environment.CurrentManagedThreadId == canceller && Interlocked.Exchange(ref fired, 1) == 0)
            {
                store.OpenReads();
                Assert.True(SpinWait.SpinUntil(() => host.Contains(id) && !host.HasKeptForReload(id), TestHosts.Guard));
            }
        });
        try
        {
            cancel.Cancel();
        }
        finally
        {
            Interleaving.Uninstall();
        }

        Assert.Equal(1, fired);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Guarded());
        await kept.Guarded();
        Assert.Equal(["kept"], await narrow.LogAsync().Guarded());
    }
}
