using SessionGen.Runtime.Tests.Durability;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// Review of the load line: the host stops while senders wait for a stored session's load, and the store honours the
/// host's stopping token (its read is cancelled). Every sender in the line must hear of it; none may wait forever.
/// </summary>
public sealed class StopDuringLoadTests
{
    [Fact]
    public async Task A_store_read_cancelled_by_the_host_stopping_answers_every_sender_in_the_line()
    {
        var store = new StopAwareReadStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.NoteAsync("kept").Guarded();
        Assert.True(await host.UnloadAsync(journal.Id).Guarded());

        store.CloseReads();
        Task<string[]> first = journal.EntriesAsync().AsTask();
        Task<string[]> behind = journal.EntriesAsync().AsTask();
        await store.ReadStarted.Guarded();
        Task stopping = host.DisposeAsync().AsTask();

        Exception? firstError = await Record.ExceptionAsync(() => first.Guarded());
        Exception? behindError = await Record.ExceptionAsync(() => behind.Guarded());
        Assert.NotNull(firstError);
        Assert.IsNotType<TimeoutException>(firstError);
        Assert.NotNull(behindError);
        Assert.IsNotType<TimeoutException>(behindError);
        await stopping.Guarded();
    }

    /// <summary>Reads wait at a gate, and give up when their token (the host's stopping token) is cancelled.</summary>
    private sealed class StopAwareReadStore(ISessionStore inner) : RecordingStore(inner)
    {
        private readonly TaskCompletionSource readStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource reads = Opened();

        public Task ReadStarted => readStarted.Task;

        public void CloseReads() => reads = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
        {
            readStarted.TrySetResult();
            await reads.Task.WaitAsync(cancellationToken);
            return await base.ReadAsync(process, id, cancellationToken);
        }

        private static TaskCompletionSource Opened()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }
    }
}
