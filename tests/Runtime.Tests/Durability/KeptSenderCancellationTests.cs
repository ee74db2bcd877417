using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A sender an unload kept for the session's next load (it waited for room in a full <see cref="MailboxFullMode.Wait"/>
/// mailbox) that cancels while that load is under way: it was never accepted, so it is answered at once, and its message
/// is not handled by the load.
/// </summary>
public sealed class KeptSenderCancellationTests
{
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task A_kept_sender_that_cancels_while_the_next_load_reads_the_store_is_answered_at_once_and_not_handled()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
        TaskCompletionSource started = NewSignal();
        TaskCompletionSource release = NewSignal();
        Task<string> held = narrow.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task queued = narrow.NoteAsync("queued").AsTask();
        using var cancel = new CancellationTokenSource();
        Task cancelled = narrow.NoteAsync("cancelled", cancel.Token).AsTask(); // waits for room
        Task kept = narrow.NoteAsync("kept").AsTask();

        store.CloseReads();
        Task<bool> unloaded = host.UnloadAsync(narrow.Id).AsTask();
        release.SetResult();
        Assert.Equal("held", await held.Guarded());
        await queued.Guarded();
        Assert.True(await unloaded.Guarded());
        await store.ReadStarted.Guarded(); // the load made for the kept senders waits for the store

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Guarded());
        Assert.False(kept.IsCompleted);

        store.OpenReads();
        await kept.Guarded();
        Assert.Equal(["held", "queued", "kept"], await narrow.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_kept_sender_that_cancels_after_a_failed_write_kept_it_is_answered_at_once_and_not_handled()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
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

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Guarded());
        Assert.False(kept.IsCompleted);

        store.OpenReads();
        await kept.Guarded();
        Assert.Equal(["kept"], await narrow.LogAsync().Guarded());
    }
}
