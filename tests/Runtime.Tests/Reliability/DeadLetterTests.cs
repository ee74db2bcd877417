using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task Messages_queued_when_a_session_ends_are_dead_lettered_and_their_senders_told()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Fragile.Client session = await Fragile.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Hold the session's turn so a fault and two messages queue up behind it.
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task fail = session.FailAsync("boom").AsTask();
        Task<string> queued1 = session.EchoAsync("one").AsTask();
        Task<string> queued2 = session.EchoAsync("two").AsTask();
        release.SetResult();
        await holding.Guarded();

        await Assert.ThrowsAsync<SessionFaultedException>(() => fail.Guarded());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => queued1.Guarded());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => queued2.Guarded());

        Assert.True(deadLetters.TryRead(out DeadLetter? first));
        Assert.True(deadLetters.TryRead(out DeadLetter? second));
        Assert.False(deadLetters.TryRead(out _));
        Assert.Equal(new Fragile.Messages.Echo("one"), first.Message);
        Assert.Equal(new Fragile.Messages.Echo("two"), second.Message);
        Assert.All([first, second], letter =>
        {
            Assert.Equal(DeadLetterReason.SessionEnded, letter.Reason);
            Assert.Equal("Echo", letter.Operation);
            Assert.Equal(session.Id, letter.SessionId);
        });
        Assert.Equal(2, host.DeadLetterCount);
    }

    [Fact]
    public async Task A_message_withdrawn_by_its_sender_is_dead_lettered_as_cancelled()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        Task holding = gate.HoldAsync("hold", started, release.Task).AsTask();
        await started.Task.Guarded();
        Task withdrawn = gate.NoteAsync("never", cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.Guarded());
        release.SetResult();
        await holding.Guarded();

        Assert.True(deadLetters.TryRead(out DeadLetter? letter));
        Assert.Equal(DeadLetterReason.Cancelled, letter.Reason);
        Assert.Equal(new Gate.Messages.Note("never"), letter.Message);
    }

    [Fact]
    public async Task A_full_dead_letter_subscription_counts_what_it_drops_instead_of_growing()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters(capacity: 1);
        Fragile.Client session = await Fragile.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task fail = session.FailAsync("boom").AsTask();
        Task[] queued = Enumerable.Range(0, 3).Select(i => (Task)session.EchoAsync(i.ToString()).AsTask()).ToArray();
        release.SetResult();
        await holding.Guarded();
        await Assert.ThrowsAsync<SessionFaultedException>(() => fail.Guarded());
        foreach (Task message in queued)
        {
            await Assert.ThrowsAsync<SessionNotFoundException>(() => message.Guarded());
        }

        Assert.Equal(3, host.DeadLetterCount);
        Assert.Equal(2, deadLetters.Dropped);
        Assert.True(deadLetters.TryRead(out _));
        Assert.False(deadLetters.TryRead(out _));
    }
}
