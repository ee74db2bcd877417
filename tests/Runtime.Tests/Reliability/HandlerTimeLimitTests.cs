using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class HandlerTimeLimitTests
{
    [Fact]
    public async Task A_handler_past_its_time_limit_answers_its_caller_cancels_its_token_and_ends_the_session()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Slow.Client session = await Slow.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task stalled = session.StallAsync(started, sawCancellation).AsTask();
        await started.Task.Guarded();
        time.Advance(TimeSpan.FromSeconds(4.999));
        Assert.False(stalled.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<HandlerTimeLimitExceededException>(() => stalled.Guarded());
        Assert.Equal("Stall", error.Operation);
        Assert.Equal(TimeSpan.FromSeconds(5), error.Limit);
        await sawCancellation.Task.Guarded();
        Assert.False(host.Contains(session.Id));
    }

    [Fact]
    public async Task With_KeepSession_the_session_carries_on_once_the_overrunning_handler_finishes()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        SlowButKept.Client session = await SlowButKept.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task stalled = session.StallAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task<string> next = session.QuickAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<HandlerTimeLimitExceededException>(() => stalled.Guarded());
        Assert.False(next.IsCompleted); // still one message at a time: the overrunning handler holds the turn
        release.SetResult();
        Assert.Equal("quick", await next.Guarded());
        Assert.True(host.Contains(session.Id));
    }

    [Fact]
    public async Task A_handler_within_its_limit_is_not_affected()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Slow.Client session = await Slow.StartAsync(host);

        Assert.Equal("quick", await session.QuickAsync());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("quick", await session.QuickAsync());
        Assert.Equal(0, host.PendingTimeoutCount);
    }

    [Fact]
    public async Task A_synchronous_handler_past_its_limit_is_not_run_on_its_callers_thread_so_the_caller_is_answered()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Slow.Client session = await Slow.StartAsync(host);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        // From a plain pool thread, where an idle session's handler would otherwise run inline and hold the caller.
        Task<bool> blocked = Task.Run(() => session.BlockAsync(started, release).AsTask());
        try
        {
            Assert.True(await Task.Run(() => started.Wait(TestHosts.Guard)), "Block never started");
            time.Advance(TimeSpan.FromSeconds(5));

            // Run inline, the handler would hold the sending thread past the guard, and this would time out.
            await Assert.ThrowsAsync<HandlerTimeLimitExceededException>(() => blocked.Guarded());
        }
        finally
        {
            release.Set();
        }
    }
}
