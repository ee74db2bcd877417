namespace SessionGen.Orleans.Tests;

/// <summary>
/// Handlers whose turn the session grain runs on its activation: they await, block and throw as they could on the
/// thread pool.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class HandlerOnActivationTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_synchronous_handler_that_waits_on_an_await_without_ConfigureAwait_false_does_not_deadlock()
    {
        Probe.Client probe = await Probe.StartAsync(cluster.Host).Guarded();

        // On the thread pool the library's continuation has a thread to run on; on the activation it would be queued
        // behind the very handler that waits for it.
        Assert.Equal(7, await probe.BlockOnDelayAsync(7).AsTask().WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(8, await probe.EchoAsync(8).Guarded());
    }

    [Fact]
    public async Task A_handler_that_awaits_finishes_and_the_session_goes_on()
    {
        Probe.Client probe = await Probe.StartAsync(cluster.Host).Guarded();

        Assert.NotEmpty(await probe.AwaitThenRunsOnAsync().Guarded());
        Assert.Equal(3, await probe.EchoAsync(3).Guarded());
    }

    [Fact]
    public async Task A_handler_that_throws_fails_its_send_and_the_grain_goes_on()
    {
        Probe.Client probe = await Probe.StartAsync(cluster.Host).Guarded();

        Exception failure = await Assert.ThrowsAnyAsync<Exception>(async () => await probe.ThrowAsync(1).Guarded());
        Assert.Contains("probe 1", failure.Message, StringComparison.Ordinal);
        Probe.Client other = await Probe.StartAsync(cluster.Host).Guarded();
        Assert.Equal(4, await other.EchoAsync(4).Guarded());
    }

    [Fact]
    public async Task A_send_canceled_while_its_handler_runs_ends_for_its_caller_and_the_session_goes_on()
    {
        Probe.Client probe = await Probe.StartAsync(cluster.Host).Guarded();
        Probe.Entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Probe.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var canceling = new CancellationTokenSource();

        Task<int> held = probe.HoldAsync(5, canceling.Token).AsTask();
        await Probe.Entered.Task.Guarded();
        await canceling.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.Guarded());
        Probe.Release.TrySetResult();
        Assert.Equal(6, await probe.EchoAsync(6).Guarded());
    }
}
