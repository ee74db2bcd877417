using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A sequential durable process: a load waits for the process's one turn between reading the store and registering the
/// session. A load started while the session is still being unloaded must not register what it read before the
/// unload's last turns were stored.
/// </summary>
public sealed class SequentialReloadTests
{
    [Fact]
    public async Task A_sender_refused_while_a_sequential_session_unloads_gets_the_session_as_the_unload_stored_it()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start();
        DurableQueueLatch.Client latch = await DurableQueueLatch.StartAsync(host).Guarded();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> held = latch.HoldAsync("held", started, release.Task).AsTask();
        await started.Task.Guarded();

        Task<bool> unloaded = host.UnloadAsync(latch.Id).AsTask();
        Task later = latch.NoteAsync("later").AsTask(); // refused as leaving: its load reads the store now
        release.SetResult();

        Assert.Equal("held", await held.Guarded());
        Assert.True(await unloaded.Guarded());
        await later.Guarded();
        Assert.Equal(["held", "later"], await latch.LogAsync().Guarded());
    }
}
