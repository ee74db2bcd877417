using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class ExpiryAndShutdownTimeoutTests
{
    [Fact]
    public async Task A_message_that_waited_past_its_time_to_live_expires_unhandled_and_is_dead_lettered()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Perishable.Client session = await Perishable.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task stale = session.NoteAsync("stale").AsTask();
        time.Advance(TimeSpan.FromSeconds(11));
        Task fresh = session.NoteAsync("fresh").AsTask();
        release.SetResult();
        await holding.Guarded();

        var expired = await Assert.ThrowsAsync<MessageExpiredException>(() => stale.Guarded());
        Assert.Equal(TimeSpan.FromSeconds(10), expired.TimeToLive);
        await fresh.Guarded();
        Assert.Equal(["fresh"], await session.HandledAsync());
        Assert.True(deadLetters.TryRead(out DeadLetter? letter));
        Assert.Equal(DeadLetterReason.Expired, letter.Reason);
        Assert.Equal(new Perishable.Messages.Note("stale"), letter.Message);
    }

    [Fact]
    public async Task Past_the_shutdown_timeout_a_stuck_session_ends_and_its_queue_is_dead_lettered()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(30) });
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var neverReleased = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<string> stuck = gate.HoldAsync("stuck", started, neverReleased.Task).AsTask();
        await started.Task.Guarded();
        Task queued = gate.NoteAsync("queued").AsTask();
        Task stopping = host.DisposeAsync().AsTask();
        Assert.False(stopping.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(30));
        await stopping.Guarded();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => queued.Guarded());
        Assert.True(deadLetters.TryRead(out DeadLetter? letter));
        Assert.Equal(DeadLetterReason.HostStopping, letter.Reason);
        Assert.Equal(0, host.SessionCount);
        Assert.False(stuck.IsCompleted);
        neverReleased.SetResult();
        Assert.Equal("stuck", await stuck.Guarded());
    }
}
