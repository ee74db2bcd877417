using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class HostShutdownTests
{
    [Fact]
    public async Task A_handlers_cancellation_token_is_cancelled_when_the_host_begins_to_stop()
    {
        SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task waiting = gate.WaitAsync(started, CancellationToken.None).AsTask();
        await started.Task.Guarded();
        Task stopping = host.DisposeAsync().AsTask();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Guarded());
        await stopping.Guarded();
        Assert.True(host.StoppingToken.IsCancellationRequested);
    }
}
