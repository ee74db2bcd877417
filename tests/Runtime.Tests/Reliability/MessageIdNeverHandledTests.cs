using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>
/// Only a handled message's id is remembered: one that was never handled leaves its id free, so a retry runs; and a
/// repeat waits for a pending first on its own token.
/// </summary>
public sealed class MessageIdNeverHandledTests
{
    [Fact]
    public async Task A_message_refused_by_a_full_mailbox_is_not_remembered_and_its_retry_is_handled()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task[] filling = Enumerable.Range(0, 10).Select(i => session.NoteAsync(i).AsTask()).ToArray();

        await Assert.ThrowsAsync<MailboxFullException>(() => host.SendAsync(session.Id, new Bounded.Messages.Note(99), new MessageId("note-99")).Guarded());
        release.SetResult();
        await Task.WhenAll([.. filling, holding]).Guarded();

        Assert.Null(await host.SendAsync(session.Id, new Bounded.Messages.Note(99), new MessageId("note-99")).Guarded());
        Assert.Equal(Enumerable.Range(0, 10).Append(99), await session.SeenAsync());
    }

    [Fact]
    public async Task A_message_its_sender_withdrew_is_not_remembered_and_its_retry_is_handled()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        Task holding = gate.HoldAsync("first", started, release.Task).AsTask();
        await started.Task.Guarded();

        Task withdrawn = host.SendAsync(gate.Id, new Gate.Messages.Note("retried"), new MessageId("note"), cancel.Token).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn.Guarded());
        release.SetResult();
        await holding.Guarded();

        await host.SendAsync(gate.Id, new Gate.Messages.Note("retried"), new MessageId("note")).Guarded();
        Assert.Equal(["start:first", "end:first", "retried"], await gate.LogAsync());
    }

    [Fact]
    public async Task A_message_that_expired_in_the_queue_is_not_remembered_and_its_retry_is_handled()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Perishable.Client session = await Perishable.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();

        Task stale = host.SendAsync(session.Id, new Perishable.Messages.Note("late"), new MessageId("late")).AsTask();
        time.Advance(TimeSpan.FromSeconds(11));
        release.SetResult();
        await holding.Guarded();
        await Assert.ThrowsAsync<MessageExpiredException>(() => stale.Guarded());

        await host.SendAsync(session.Id, new Perishable.Messages.Note("late"), new MessageId("late")).Guarded();
        Assert.Equal(["late"], await session.HandledAsync());
    }

    [Fact]
    public async Task A_message_the_protocol_did_not_accept_is_not_remembered_and_its_retry_is_handled()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Auction.Client auction = await Auction.StartAsync(host);
        var hammer = new MessageId("hammer");

        Task<object?> early = host.SendAsync(auction.Id, new Auction.Messages.Hammer(), hammer).AsTask();
        await auction.PeekAsync();
        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<MessageNotAcceptedException>(() => early.Guarded());
        await auction.BidAsync(10m);
        await auction.CloseAsync();

        Assert.Equal(10m, await host.SendAsync(auction.Id, new Auction.Messages.Hammer(), hammer).Guarded());
    }

    [Fact]
    public async Task A_repeat_whose_own_token_is_cancelled_stops_waiting_at_once_and_the_first_is_still_handled()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        Task holding = gate.HoldAsync("first", started, release.Task).AsTask();
        await started.Task.Guarded();

        Task first = host.SendAsync(gate.Id, new Gate.Messages.Note("once"), new MessageId("once")).AsTask();
        Task repeat = host.SendAsync(gate.Id, new Gate.Messages.Note("once"), new MessageId("once"), cancel.Token).AsTask();
        cancel.Cancel();
        Exception? stopped = await Record.ExceptionAsync(() => repeat.Guarded());
        bool firstStillPending = !first.IsCompleted;
        release.SetResult();
        await Task.WhenAll(holding, first).Guarded();

        Assert.IsAssignableFrom<OperationCanceledException>(stopped);
        Assert.True(firstStillPending);
        Assert.Equal(["start:first", "end:first", "once"], await gate.LogAsync());
    }

    [Fact]
    public async Task When_the_first_is_withdrawn_a_repeat_still_waiting_is_sent_in_its_place()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();
        Task holding = gate.HoldAsync("first", started, release.Task).AsTask();
        await started.Task.Guarded();

        Task first = host.SendAsync(gate.Id, new Gate.Messages.Note("once"), new MessageId("once"), cancel.Token).AsTask();
        Task repeat = host.SendAsync(gate.Id, new Gate.Messages.Note("once"), new MessageId("once")).AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Guarded());
        release.SetResult();

        await Task.WhenAll(holding, repeat).Guarded();
        Assert.Equal(["start:first", "end:first", "once"], await gate.LogAsync());
    }
}
