using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>
/// Bug 4 (Interleavings/KnownBugs.cs): a turn that outlives the shutdown deadline files dead letters after its session
/// left the registry; the host's dead-letter subscriptions must not complete before it has, or a subscriber never sees them.
/// </summary>
public sealed class OutlivingTurnTests
{
    [Fact]
    public async Task A_one_way_handler_that_gives_up_on_the_stopping_token_after_the_deadline_reaches_the_dead_letter_subscribers()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(1) });
        DeadLetterSubscription letters = host.SubscribeDeadLetters();
        Outliving.Client session = await Outliving.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(session.PostLinger(started, release.Task));
        await started.Task.Guarded();

        Task stopping = host.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        await stopping.Guarded(); // the deadline bounds DisposeAsync: it does not wait for the handler
        release.SetResult(); // the handler now gives up on the stopping token: its message is a dead letter

        List<DeadLetter> received = await letters.ToListAsync().AsTask().Guarded();

        DeadLetter letter = Assert.Single(received);
        Assert.Equal(DeadLetterReason.HostStopping, letter.Reason);
        Assert.Equal(host.DeadLetterCount, received.Count);
        Assert.Equal(0, letters.Dropped);
    }

    [Fact]
    public async Task A_batch_a_turn_had_taken_when_the_deadline_ended_its_session_reaches_the_dead_letter_subscribers()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(1) });
        DeadLetterSubscription letters = host.SubscribeDeadLetters();
        Outliving.Client session = await Outliving.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task stopping = Task.CompletedTask;

        // The turn waits in Linger while Run and two notes queue behind it; released, it takes all three as one batch and
        // runs Run, which stops the host and lets the deadline pass, so the session ends while the notes are the turn's.
        Assert.True(session.PostLinger(started, release.Task));
        await started.Task.Guarded();
        Assert.True(session.PostRun(() =>
        {
            stopping = host.DisposeAsync().AsTask();
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(SpinWait.SpinUntil(() => stopping.IsCompleted, TestHosts.Guard), "DisposeAsync must end at the deadline");
        }));
        Assert.True(session.PostNote("a"));
        Assert.True(session.PostNote("b"));
        release.SetResult();

        List<DeadLetter> received = await letters.ToListAsync().AsTask().Guarded();

        await stopping.Guarded();
        Assert.Equal(["Note", "Note"], received.Select(letter => letter.Operation));
        Assert.All(received, letter => Assert.Equal(DeadLetterReason.HostStopping, letter.Reason));
        Assert.Equal(host.DeadLetterCount, received.Count);
    }

    [Fact]
    public async Task A_handler_that_never_returns_does_not_hold_up_DisposeAsync_past_the_deadline()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(1) });
        DeadLetterSubscription letters = host.SubscribeDeadLetters();
        Outliving.Client session = await Outliving.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(session.PostLinger(started, never.Task));
        await started.Task.Guarded();
        Assert.True(session.PostNote("queued"));

        Task stopping = host.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        await stopping.Guarded();

        // The queued note was dead-lettered by the end itself; the subscription stays open for the handler's letter.
        await using IAsyncEnumerator<DeadLetter> reading = letters.GetAsyncEnumerator();
        Assert.True(await reading.MoveNextAsync().AsTask().Guarded());
        Assert.Equal("Note", reading.Current.Operation);
        ValueTask<bool> next = reading.MoveNextAsync();
        Assert.False(next.IsCompleted);

        await letters.DisposeAsync(); // a subscriber that will not wait for it ends its own subscription
        Assert.False(await next.AsTask().Guarded());
    }
}
