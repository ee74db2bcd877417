using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>Hostile review of the reshaped runtime: each test is a scenario the README promises to handle.</summary>
public sealed class ReviewTests
{
    // R1. Protocol + bounded Wait mailbox: withdrawing a held message admits a waiting sender, but nobody starts the turn.
    [Fact]
    public async Task R1_withdrawing_a_held_message_lets_the_sender_waiting_for_room_run()
    {
        await using var host = new SessionHost();
        await Task.Run(async () =>
        {
            // On the pool: no synchronization context, so turns run inline and the session is idle when each send returns.
            ReviewHeldGate.Client gate = await ReviewHeldGate.StartAsync(host);
            using var cts = new CancellationTokenSource();
            ValueTask push = gate.PushAsync(cts.Token);          // Locked: held in the queue, which it fills
            Assert.False(push.IsCompleted);
            ValueTask<int> peek = gate.PeekAsync();              // accepted in any state, but waits for room
            Assert.False(peek.IsCompleted);

            cts.Cancel();                                        // the held Push leaves: room for the Peek
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => push.Guarded());
            Assert.Equal(1, await peek.Guarded());
        }).WaitAsync(TimeSpan.FromSeconds(40));
    }

    // R2. A callback the handler put on its own token throws when the time limit cancels it: the caller is never answered.
    [Fact]
    public async Task R2_a_throwing_token_callback_does_not_lose_the_time_limit_answer()
    {
        await using SessionHost host = TestHosts.Create(out FakeTimeProvider time);
        ReviewLimited.Client session = await ReviewLimited.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<string> work = session.WorkAsync(() => throw new InvalidOperationException("user callback"), started, release.Task);
        await started.Task.Guarded();

        Exception? fromClock = Record.Exception(() => time.Advance(TimeSpan.FromSeconds(2)));
        release.TrySetResult();

        // With TimeProvider.System the tick's exception escapes a timer callback: the process dies.
        Exception? answer = await Record.ExceptionAsync(() => work.Guarded());
        Assert.True(
            answer is HandlerTimeLimitExceededException && fromClock is null,
            $"the caller got {answer?.GetType().Name}; the clock's tick threw {fromClock?.GetType().Name} ({fromClock?.InnerException?.Message})");
    }

    // R3a. Host stopping cancels handler tokens while holding the host's lifecycle lock: user code under a lock.
    [Fact]
    public async Task R3a_handler_token_callbacks_do_not_run_under_the_hosts_lifecycle_lock()
    {
        var host = new SessionHost();
        object lifecycle = typeof(SessionHost).GetField("lifecycle", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(host)!;
        ReviewStoppable.Client session = await ReviewStoppable.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool? underLock = null;
        ValueTask<string> work = session.WorkAsync(() => underLock = Monitor.IsEntered(lifecycle), started, release.Task);
        await started.Task.Guarded();

        ValueTask disposing = host.DisposeAsync();
        release.TrySetResult();
        await disposing.Guarded();
        Assert.Equal("done", await work.Guarded());
        Assert.False(underLock);
    }

    // R3b. ...and one that throws makes DisposeAsync throw before it ever starts the drain.
    [Fact]
    public async Task R3b_a_throwing_handler_token_callback_does_not_break_DisposeAsync()
    {
        var host = new SessionHost();
        ReviewStoppable.Client session = await ReviewStoppable.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<string> work = session.WorkAsync(() => throw new InvalidOperationException("user callback"), started, release.Task);
        await started.Task.Guarded();

        ValueTask disposing = default;
        Exception? thrown = Record.Exception(() => disposing = host.DisposeAsync());
        release.TrySetResult();
        Assert.Equal("done", await work.Guarded());
        Assert.Null(thrown);
        await disposing.Guarded();
    }

    // R4. A handler that outlived its session (shutdown timeout) schedules a timeout: ObjectDisposedException instead of a no-op.
    [Fact]
    public async Task R4_a_handler_that_outlived_the_shutdown_can_still_schedule_a_timeout_as_a_no_op()
    {
        var time = new FakeTimeProvider();
        var host = new SessionHost(new SessionHostOptions { TimeProvider = time, ShutdownTimeout = TimeSpan.FromSeconds(1) });
        ReviewLingerer.Client session = await ReviewLingerer.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask<string> linger = session.LingerAsync(started, release.Task);
        await started.Task.Guarded();

        Task disposing = host.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(2));             // the drain times out: the session ends under the handler
        await disposing.Guarded();

        release.TrySetResult();
        Assert.Equal("scheduled", await linger.Guarded()); // an ended session's Schedule is a no-op (TimerWheel.Insert)
    }

    // R5. A task the handler starts and does not wait for: with the handler's context it is part of the call chain (the
    // runtime cannot know it is not awaited; Orleans' call-chain detection has the same rule), so awaiting the handler's
    // own session from it fails at once; started with the flow suppressed, it is a caller of its own and its Ping runs.
    [Theory]
    [InlineData(false, nameof(CallCycleException))]
    [InlineData(true, "1")]
    public async Task R5_a_task_the_handler_does_not_wait_for_is_in_its_chain_unless_started_without_its_context(bool suppressFlow, string expected)
    {
        await using var host = new SessionHost();
        ReviewCaller.Client a = await ReviewCaller.StartAsync(host);
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask spawn = a.SpawnAsync(host, suppressFlow, sent, release.Task, outcome);
        await sent.Task.Guarded();

        release.TrySetResult();
        await spawn.Guarded();
        Assert.Equal(expected, await outcome.Task.Guarded());
    }

    // R6. Two running handlers of unrelated calls await each other's session (A waits for B, whose handler, serving
    // someone else, waits for A): the second wait closes a cycle of waits and fails at once instead of hanging both.
    [Fact]
    public async Task R6_two_handlers_awaiting_each_others_session_do_not_hang()
    {
        var host = new SessionHost();
        try
        {
            ReviewCaller.Client a = await ReviewCaller.StartAsync(host);
            ReviewCaller.Client b = await ReviewCaller.StartAsync(host);
            var startedA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var startedB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var release = new TaskCompletionSource();
            Task<int> ab = a.CallLaterAsync(host, b.Id, startedA, release.Task).AsTask();
            Task<int> ba = b.CallLaterAsync(host, a.Id, startedB, release.Task).AsTask();
            await Task.WhenAll(startedA.Task, startedB.Task).Guarded();

            release.TrySetResult();

            // Whoever closes the cycle is refused (when both set their wait at once, both see it); a call that was not
            // refused hears its own outcome (the other session may have ended with that fault), and none hangs.
            await Task.WhenAll(ab.ContinueWith(static _ => { }, TaskScheduler.Default), ba.ContinueWith(static _ => { }, TaskScheduler.Default)).Guarded();
            CallCycleException[] cycles = [.. new[] { ab, ba }.Select(static call => call.Exception?.InnerException is SessionFaultedException { InnerException: CallCycleException refused } ? refused : null).OfType<CallCycleException>()];
            Assert.NotEmpty(cycles);
            Assert.All(cycles, static cycle => Assert.Equal((3, cycle.CallChain[0]), (cycle.CallChain.Count, cycle.CallChain[2])));
        }
        finally
        {
            await host.StopAsync(new CancellationToken(canceled: true)).Guarded();
        }
    }

    // R6b. A handler that stopped waiting (it moved on, and finished) leaves no edge behind: a later wait for it is no cycle.
    [Fact]
    public async Task R6b_a_handler_that_finished_waits_for_nobody()
    {
        await using var host = new SessionHost();
        ReviewCaller.Client a = await ReviewCaller.StartAsync(host);
        ReviewCaller.Client b = await ReviewCaller.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.Equal(1, await a.CallLaterAsync(host, b.Id, started, Task.CompletedTask).Guarded());
        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Equal(1, await b.CallLaterAsync(host, a.Id, again, Task.CompletedTask).Guarded());
    }

    // R7. A handler run inline for a caller that suppressed the execution context's flow changes the caller's AsyncLocals.
    [Fact]
    public async Task R7_a_handler_run_inline_under_suppressed_flow_leaves_the_callers_async_locals_untouched()
    {
        await using var host = new SessionHost();
        Ambient.Client session = await Task.Run(() => Ambient.StartAsync(host).AsTask());

        string? after = await Task.Run(async () =>
        {
            Ambient.Value.Value = "caller";
            ValueTask<string?> change;
            using (ExecutionContext.SuppressFlow())
            {
                change = session.ChangeAsync("handler");
            }

            // Under a suppressed flow the handler does not run inline (its ambient state could not be put back).
            await change;
            return Ambient.Value.Value;
        }).Guarded();

        Assert.Equal("caller", after);
    }

    // R8. Message-id deduplication reads the host's TimeProvider (user code) while holding the session's id cache lock.
    [Fact]
    public async Task R8_message_id_deduplication_never_reads_the_clock_under_its_lock()
    {
        var clock = new ReviewClock(new FakeTimeProvider());
        await using var host = new SessionHost(new SessionHostOptions { TimeProvider = clock });
        Tally.Client tally = await Tally.StartAsync(host);
        MessageIdCache cache = host.Find(tally.Id, out _)!.MessageIds;
        object cacheLock = typeof(MessageIdCache).GetField("entries", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(cache)!;
        bool underLock = false;
        clock.OnTimestamp = () => underLock |= Monitor.IsEntered(cacheLock);

        await host.SendAsync(tally.Id, new Tally.Messages.Add(1), new MessageId("m-1")).Guarded();
        await host.SendAsync(tally.Id, new Tally.Messages.Add(1), new MessageId("m-1")).Guarded();
        Assert.False(underLock);
    }

    // R9. A sender waiting for room when the host starts to stop is admitted behind the drain marker, then answered as
    // if the session had ended on its own (SessionNotFoundException) and filed as a dead letter, though never accepted.
    [Fact]
    public async Task R9_a_sender_waiting_for_room_when_the_host_stops_gets_the_stopping_answer_and_no_dead_letter()
    {
        var host = new SessionHost();
        SmallTally.Client tally = await SmallTally.StartAsync(host);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ValueTask hold = tally.HoldAsync(started, release.Task);
        await started.Task.Guarded();
        ValueTask[] accepted = [tally.AddAsync(), tally.AddAsync(), tally.AddAsync()];
        ValueTask waiting = tally.AddAsync();                 // the mailbox (3) is full: waits for room
        Assert.Equal(3, host.GetQueueLength(tally.Id));

        Task disposing = host.DisposeAsync().AsTask();
        release.TrySetResult();
        await hold.Guarded();
        foreach (ValueTask add in accepted)
        {
            await add.Guarded();
        }

        Exception? answer = await Record.ExceptionAsync(() => waiting.Guarded());
        await disposing.Guarded();
        Assert.True(
            answer is ObjectDisposedException && host.DeadLetterCount == 0,
            $"the waiting sender got {answer?.GetType().Name}; dead letters: {host.DeadLetterCount}");
    }

    private sealed class ReviewClock(FakeTimeProvider inner) : TimeProvider
    {
        public Action? OnTimestamp { get; set; }

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp()
        {
            OnTimestamp?.Invoke();
            return inner.GetTimestamp();
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            inner.CreateTimer(callback, state, dueTime, period);
    }
}
