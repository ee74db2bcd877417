using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class DisposeTests
{
    [Fact]
    public async Task Dispose_finishes_accepted_messages_then_ends_sessions_and_refuses_new_ones()
    {
        SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        Chat.Client idle = await Chat.StartAsync(host, "idle");
        await using SessionSubscription idleEvents = idle.Subscribe();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<string> holding = gate.HoldAsync("in flight", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task accepted = gate.NoteAsync("accepted before dispose").AsTask();

        Task disposing = host.DisposeAsync().AsTask();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => gate.NoteAsync("after dispose began").Guarded());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => Chat.StartAsync(host, "too late").Guarded());
        Assert.False(disposing.IsCompleted);

        release.SetResult();
        Assert.Equal("in flight", await holding.Guarded());
        await accepted.Guarded();
        await disposing.Guarded();

        Assert.Equal(0, host.SessionCount);
        Assert.Empty(await idleEvents.ToListAsync().AsTask().Guarded());
    }

    [Fact]
    public async Task Disposing_twice_is_harmless()
    {
        SessionHost host = TestHosts.Create(out _);
        await Chat.StartAsync(host, "x");

        await host.DisposeAsync();
        await host.DisposeAsync();
        Assert.Equal(0, host.SessionCount);
    }
}
