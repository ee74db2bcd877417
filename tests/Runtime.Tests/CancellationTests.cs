using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class CancellationTests
{
    [Fact]
    public async Task Cancelling_a_queued_message_withdraws_it_so_it_never_runs()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        Task holding = gate.HoldAsync("first", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task withdrawn = gate.NoteAsync("never", cancel.Token).AsTask();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.Guarded());
        release.SetResult();
        await holding.Guarded();
        Assert.Equal(["start:first", "end:first"], await gate.LogAsync().Guarded());
    }

    [Fact]
    public async Task A_handler_receives_its_callers_token_and_a_cancelled_handler_does_not_end_the_session()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        using var cancel = new CancellationTokenSource();

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task waiting = gate.WaitAsync(started, cancel.Token).AsTask();
        await started.Task.Guarded();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Guarded());
        Assert.Contains("waiting", await gate.LogAsync().Guarded());
        Assert.True(host.Contains(gate.Id));
    }

    [Fact]
    public async Task An_already_cancelled_token_fails_the_send_without_queueing()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.NoteAsync("no", new CancellationToken(canceled: true)).AsTask());
        Assert.Empty(await gate.LogAsync().Guarded());
    }
}
