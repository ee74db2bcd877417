using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class BoundedMailboxTests
{
    [Fact]
    public async Task A_full_fail_fast_mailbox_refuses_the_next_message_with_MailboxFullException()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task[] accepted = Enumerable.Range(0, 10).Select(i => session.NoteAsync(i).AsTask()).ToArray();
        var refused = await Assert.ThrowsAsync<MailboxFullException>(() => session.NoteAsync(10).Guarded());

        Assert.Equal(10, refused.Capacity);
        Assert.Equal(10, host.GetQueueLength(session.Id));
        release.SetResult();
        await Task.WhenAll(accepted).Guarded();
        await holding.Guarded();
        Assert.Equal(Enumerable.Range(0, 10), await session.SeenAsync());
    }

    [Fact]
    public async Task A_flood_of_a_million_messages_at_a_bounded_session_never_queues_more_than_its_capacity()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Bounded.Client session = await Bounded.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();

        int accepted = 0;
        int refused = 0;
        int largestQueue = 0;
        var handled = new List<Task>();
        for (int i = 0; i < 1_000_000; i++)
        {
            ValueTask send = session.NoteAsync(i);
            if (send.IsFaulted)
            {
                refused++;
                _ = send.AsTask().Exception; // observed: each one is a MailboxFullException
            }
            else
            {
                accepted++;
                handled.Add(send.AsTask());
            }

            largestQueue = Math.Max(largestQueue, host.GetQueueLength(session.Id));
        }

        Assert.Equal(10, accepted);
        Assert.Equal(999_990, refused);
        Assert.Equal(10, largestQueue);
        release.SetResult();
        await Task.WhenAll(handled).Guarded();
        await holding.Guarded();
    }

    [Fact]
    public async Task Senders_to_a_full_waiting_mailbox_wait_for_room_and_are_handled_in_arrival_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        BoundedWaiting.Client session = await BoundedWaiting.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task[] sends = Enumerable.Range(0, 20).Select(i => session.NoteAsync(i, host).AsTask()).ToArray();

        Assert.Equal(4, host.GetQueueLength(session.Id));
        Assert.All(sends, send => Assert.False(send.IsCompleted));
        release.SetResult();
        await Task.WhenAll(sends).Guarded();
        await holding.Guarded();

        Assert.Equal(Enumerable.Range(0, 20), await session.SeenAsync());
        Assert.True(await session.LargestQueueAsync() <= 4);
    }

    [Fact]
    public async Task A_sender_waiting_for_room_can_cancel_and_its_message_is_never_handled()
    {
        await using SessionHost host = TestHosts.Create(out _);
        BoundedWaiting.Client session = await BoundedWaiting.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        Task holding = session.HoldAsync(started, release.Task).AsTask();
        await started.Task.Guarded();
        Task[] fill = Enumerable.Range(0, 4).Select(i => session.NoteAsync(i, host).AsTask()).ToArray();
        Task waiting = session.NoteAsync(99, host, cancel.Token).AsTask();
        Task after = session.NoteAsync(4, host).AsTask();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Guarded());
        release.SetResult();
        await Task.WhenAll([.. fill, after, holding]).Guarded();
        Assert.Equal(Enumerable.Range(0, 5), await session.SeenAsync());
    }

    [Fact]
    public async Task Eight_concurrent_senders_that_wait_for_room_never_push_the_queue_past_its_bound()
    {
        await using SessionHost host = TestHosts.Create(out _);
        BoundedWaiting.Client session = await BoundedWaiting.StartAsync(host);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(sender => Task.Run(async () =>
        {
            var pending = new List<Task>();
            for (int i = 0; i < 2_000; i++)
            {
                pending.Add(session.NoteAsync(i, host).AsTask());
            }

            await Task.WhenAll(pending);
        }))).Guarded();

        Assert.Equal(16_000, (await session.SeenAsync()).Length);
        Assert.True(await session.LargestQueueAsync() <= 4);
    }
}
