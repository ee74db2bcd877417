using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Items 10 and 13a: handlers never change their caller's ambient state, and never run on a UI thread.</summary>
public sealed class AmbientContextTests
{
    [Fact]
    public async Task A_handler_run_inline_leaves_the_callers_async_locals_untouched()
    {
        await using var host = new SessionHost();
        Ambient.Client session = await Task.Run(() => Ambient.StartAsync(host).AsTask());

        string? after = await Task.Run(async () =>
        {
            Ambient.Value.Value = "caller";
            ValueTask<string?> change = session.ChangeAsync("handler");
            Assert.True(change.IsCompleted, "the handler should have run inline on this idle session");
            await change;
            return Ambient.Value.Value;
        }).Guarded();

        Assert.Equal("caller", after);
    }

    [Fact]
    public async Task The_rest_of_a_turn_never_runs_on_the_thread_that_completed_a_handlers_await()
    {
        await using var host = new SessionHost();
        Ambient.Client session = await Ambient.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Completed synchronously on the "UI" thread: the awaiting handler's continuation runs there.
        var release = new TaskCompletionSource();
        Task<bool> awaiting = session.AwaitThenReportAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task<bool> next = session.ReportAsync().AsTask();

        var ui = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
            release.SetResult();
        })
        { Name = Ambient.UiThreadName };
        ui.Start();
        await awaiting.Guarded();
        Assert.False(await next.Guarded(), "the next message ran on the thread that completed the await");
    }
}
