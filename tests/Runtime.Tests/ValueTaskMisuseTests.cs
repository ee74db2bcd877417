using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class ValueTaskMisuseTests
{
    [Fact]
    public async Task Reading_an_unfinished_result_throws_but_does_not_recycle_the_pending_message()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        ValueTask<string> held = gate.HoldAsync("held", started, release.Task);
        await started.Task.Guarded();
        ValueTask<string> queued = gate.HoldAsync("queued", new TaskCompletionSource(), Task.CompletedTask);

        // Misuse: asking an unfinished ValueTask for its result.
        Assert.Throws<InvalidOperationException>(() => queued.GetAwaiter().GetResult());

        release.SetResult();
        Assert.Equal("held", await held.AsTask().Guarded());
        Assert.Equal(["start:held", "end:held", "start:queued", "end:queued"], await gate.LogAsync().Guarded());
    }
}
