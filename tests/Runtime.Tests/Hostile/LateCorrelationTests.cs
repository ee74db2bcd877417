using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>Item 6: a key taken by a handler whose session has already ended is never registered.</summary>
public sealed class LateCorrelationTests
{
    [Fact]
    public async Task Correlate_after_the_time_limit_ended_the_session_leaves_the_key_free()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        LateCorrelator.Client late = await LateCorrelator.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);

        Task running = late.CorrelateLateAsync("lot-9", started, release.Task, outcome).AsTask();
        await started.Task.Guarded();
        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<HandlerTimeLimitExceededException>(() => running.Guarded());
        Assert.False(host.Contains(late.Id));

        release.SetResult();
        Exception? refused = await outcome.Task.Guarded();
        Assert.IsAssignableFrom<SessionException>(refused);

        LotProbe.Client probe = await LotProbe.StartAsync(host, "lot-9").Guarded();
        Assert.True(host.Contains(probe.Id));
    }
}
