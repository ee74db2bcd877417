using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// <see cref="SessionHost.UnloadAsync"/> of a durable session whose bounded mailbox (<see cref="MailboxFullMode.Wait"/>)
/// is full: the senders waiting for room were never accepted, but the host is not stopping, so they must not be told it
/// is. They wait for the session's next load and are handled there, in the order they came, ahead of later senders.
/// </summary>
public sealed class UnloadWaitingSenderTests
{
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Senders_waiting_for_room_when_a_session_is_unloaded_are_handled_after_its_next_load_in_their_order()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
        TaskCompletionSource started = NewSignal();
        TaskCompletionSource release = NewSignal();
        Task<string> held = narrow.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task queued = narrow.NoteAsync("queued").AsTask();    // the one place in the mailbox
        Task waiting1 = narrow.NoteAsync("waiting1").AsTask(); // waits for room
        Task waiting2 = narrow.NoteAsync("waiting2").AsTask();

        Task<bool> unloaded = host.UnloadAsync(narrow.Id).AsTask();
        Task later = narrow.NoteAsync("later").AsTask();      // refused as leaving: waits for the next load
        bool answeredAtOnce = waiting1.IsCompleted;
        release.SetResult();
        Assert.False(answeredAtOnce, $"a sender waiting for room was answered as the unload began: {waiting1.Exception?.InnerException?.Message}");

        Assert.Equal("held", await held.Guarded());
        await queued.Guarded();
        Assert.True(await unloaded.Guarded());
        await waiting1.Guarded();
        await waiting2.Guarded();
        await later.Guarded();
        Assert.Equal(["held", "queued", "waiting1", "waiting2", "later"], await narrow.LogAsync().Guarded());
    }

    [Fact]
    public async Task Senders_kept_by_an_unload_are_told_the_host_stopped_when_it_stops_before_the_next_load()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
        TaskCompletionSource started = NewSignal();
        TaskCompletionSource release = NewSignal();
        Task<string> held = narrow.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task queued = narrow.NoteAsync("queued").AsTask();
        Task waiting = narrow.NoteAsync("waiting").AsTask();

        Task<bool> unloaded = host.UnloadAsync(narrow.Id).AsTask();
        Task stopping = host.DisposeAsync().AsTask();
        release.SetResult();
        await stopping.Guarded();

        // What the session had accepted is stored; the sender it never accepted hears the truth now: the host stopped.
        Assert.Equal("held", await held.Guarded());
        await queued.Guarded();
        Assert.True(await unloaded.Guarded());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.Guarded());
        SessionHost next = hosts.Start();
        Assert.Equal(["held", "queued"], await DurableNarrow.Connect(next, narrow.Id).LogAsync().Guarded());
    }

    [Fact]
    public async Task A_sender_kept_by_an_unload_and_then_told_the_host_stopped_is_not_filed_as_a_dead_letter()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
        TaskCompletionSource started = NewSignal();
        TaskCompletionSource release = NewSignal();
        Task<string> held = narrow.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task queued = narrow.NoteAsync("queued").AsTask();
        Task waiting = narrow.NoteAsync("waiting").AsTask();

        // The unload keeps the waiting sender for the next load (the host is not stopping yet); the host then stops before
        // that load, and the kept sender is told so. It was never accepted: its sender hears why, and nothing is filed.
        Task<bool> unloaded = host.UnloadAsync(narrow.Id).AsTask();
        Task stopping = host.DisposeAsync().AsTask();
        release.SetResult();
        await stopping.Guarded();

        Assert.Equal("held", await held.Guarded());
        await queued.Guarded();
        Assert.True(await unloaded.Guarded());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting.Guarded());
        Assert.Equal(0, host.DeadLetterCount);
    }
}
