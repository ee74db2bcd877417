using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// review-reliability6: which ends count the turn that outlives them (bug 4's fix). A time limit answers a request, the
/// only kind of message a time limit bounds, which its turn takes alone: the turn that outlives that end holds nothing
/// else and files no dead letter, so counting it only kept the dead-letter subscriptions open after the host's disposal
/// for as long as the handler ignored its limit (for ever for one that never returns, however long before the stop).
/// </summary>
public sealed class OutlivingCountTests
{
    [Fact]
    public async Task A_handler_that_overran_its_time_limit_long_before_the_stop_does_not_keep_the_dead_letter_subscriptions_open()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time });
        DeadLetterSubscription letters = host.SubscribeDeadLetters();
        StuckPastLimit.Client session = await StuckPastLimit.StartAsync(host).Guarded();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> hanging = session.HangAsync(started, never.Task).AsTask();
        await started.Task.Guarded();

        time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<HandlerTimeLimitExceededException>(() => hanging.Guarded());
        Assert.Equal(0, host.SessionCount); // the EndSession policy ended it; its handler still runs, and never returns

        await host.DisposeAsync().Guarded();

        Assert.Empty(await letters.ToListAsync().AsTask().Guarded()); // completes: nothing can be filed any more
        Assert.Equal(0, host.OutlivingTurnCount);
    }

    [Fact]
    public async Task A_handler_that_overran_its_time_limit_and_then_returns_leaves_the_count_at_zero()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time });
        StuckPastLimit.Client session = await StuckPastLimit.StartAsync(host).Guarded();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int> hanging = session.HangAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        time.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<HandlerTimeLimitExceededException>(() => hanging.Guarded());

        release.SetResult();
        Assert.True(SpinWait.SpinUntil(() => host.OutlivingTurnCount == 0, TestHosts.Guard), $"count {host.OutlivingTurnCount}");
        await host.DisposeAsync().Guarded();
        Assert.Equal(0, host.OutlivingTurnCount);
    }
}
