using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>The generated client's <c>{Operation}Async</c> and <c>Post{Operation}</c> overloads that take a <see cref="MessageId"/>.</summary>
public sealed class ClientMessageIdTests
{
    [Fact]
    public async Task A_typed_send_with_a_repeated_id_is_handled_once_and_every_repeat_gets_the_first_result()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);
        var payment = new MessageId("payment-1");

        Assert.Equal(5, await ledger.AddAsync(5, payment));
        Assert.Equal(5, await ledger.AddAsync(5, payment));
        Assert.Equal(5, await host.SendAsync(ledger.Id, new Ledger.Messages.Add(5), payment));
        Assert.Equal(5, await host.SendAsync(ledger.Id, "Add", new Ledger.Messages.Add(5), payment));
        Assert.Equal(12, await ledger.AddAsync(7, new MessageId("payment-2")));
        Assert.Equal(12, await ledger.TotalAsync());
    }

    [Fact]
    public async Task A_typed_send_without_a_result_is_handled_once_per_id()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var id = new MessageId("note");

        await gate.NoteAsync("once", id);
        await gate.NoteAsync("once", id);

        Assert.Equal(["once"], await gate.LogAsync());
    }

    [Fact]
    public async Task A_post_with_a_repeated_id_is_queued_once_and_an_awaited_repeat_gets_its_result()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);
        var payment = new MessageId("payment");

        Assert.True(ledger.PostAdd(5, payment));
        Assert.True(ledger.PostAdd(5, payment));
        Assert.Equal(5, await ledger.AddAsync(5, payment).Guarded());

        Assert.True(ledger.PostAdd(5, payment));
        Assert.Equal(5, await ledger.TotalAsync());
    }

    [Fact]
    public async Task A_post_refused_by_a_full_mailbox_leaves_its_id_free_for_a_retry()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task[] filling = Enumerable.Range(0, 10).Select(i => session.NoteAsync(i).AsTask()).ToArray();
        var id = new MessageId("note-99");

        bool refused = !session.PostNote(99, id);
        release.SetResult();
        await Task.WhenAll([.. filling, holding]).Guarded();

        Assert.True(refused);
        Assert.True(session.PostNote(99, id));
        Assert.Equal(Enumerable.Range(0, 10).Append(99), await session.SeenAsync());
    }

    [Fact]
    public async Task A_post_whose_id_is_still_waiting_for_room_is_not_accepted_and_once_handled_it_is()
    {
        await using SessionHost host = TestHosts.Create(out _);
        BoundedWaiting.Client session = await BoundedWaiting.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task[] filling = Enumerable.Range(0, 4).Select(i => session.NoteAsync(i, host).AsTask()).ToArray();
        var id = new MessageId("note-99");

        Task waiting = session.NoteAsync(99, host, id).AsTask();
        bool acceptedWhileWaiting = session.PostNote(99, host, id);
        release.SetResult();
        await Task.WhenAll([.. filling, holding, waiting]).Guarded();

        Assert.False(acceptedWhileWaiting);
        Assert.True(session.PostNote(99, host, id));
        int[] seen = await session.SeenAsync();
        Assert.Equal([0, 1, 2, 3, 99], seen);
    }

    [Fact]
    public async Task A_handler_that_gave_up_because_its_caller_cancelled_is_run_again_by_a_retry()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host);
        var id = new MessageId("wait");
        using var firstCancel = new CancellationTokenSource();
        using var retryCancel = new CancellationTokenSource();
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retryStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task first = gate.WaitAsync(firstStarted, id, firstCancel.Token).AsTask();
        await firstStarted.Task.Guarded();
        firstCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.Guarded());

        Task retry = gate.WaitAsync(retryStarted, id, retryCancel.Token).AsTask();
        await retryStarted.Task.Guarded();
        retryCancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.Guarded());
        Assert.Equal(["waiting", "waiting"], await gate.LogAsync());
    }

    [Fact]
    public async Task An_id_already_sent_to_another_operation_is_refused()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);
        var id = new MessageId("add");
        await ledger.AddAsync(1, id);

        var sent = await Assert.ThrowsAsync<ArgumentException>(() => ledger.TotalAsync(id).AsTask());
        var posted = Assert.Throws<ArgumentException>(() => ledger.PostTotal(id));

        Assert.Equal("messageId", sent.ParamName);
        Assert.Contains("already sent to operation 'Add'", sent.Message);
        Assert.Equal("messageId", posted.ParamName);
        Assert.Equal(1, await ledger.TotalAsync());
    }

    [Fact]
    public async Task An_empty_id_is_refused_at_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Ledger.Client ledger = await Ledger.StartAsync(host);

        var sent = Assert.Throws<ArgumentException>(() => ledger.AddAsync(1, default(MessageId)));
        Assert.Throws<ArgumentException>(() => ledger.PostAdd(1, default(MessageId)));
        Assert.Throws<ArgumentException>(() => host.SendAsync(ledger.Id, new Ledger.Messages.Add(1), default(MessageId)));
        Assert.Throws<ArgumentException>(() => host.SendAsync(ledger.Id, "Add", new Ledger.Messages.Add(1), default(MessageId)));

        Assert.Contains("MessageId.New()", sent.Message);
        Assert.Equal(0, await ledger.TotalAsync());
    }
}
