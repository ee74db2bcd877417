using SessionGen.Runtime.Tests.OneWayRuns;

namespace SessionGen.Runtime.Tests.Seam;

/// <summary>The typed client over a host that is not a <see cref="SessionHost"/>, when that host answers badly.</summary>
public sealed class OtherHostResultTests
{
    [Fact]
    public void A_result_of_the_wrong_type_from_another_host_fails_the_call_instead_of_throwing_from_it()
    {
        var other = new AnsweringHost(42);
        Raid.Client session = Raid.Connect(other, SessionId.New());

        ValueTask<string[]> pending = default;
        Exception? thrown = Record.Exception(() => pending = session.SeqsAsync());

        Assert.Null(thrown);
        Assert.True(pending.IsFaulted);
        Assert.IsType<InvalidCastException>(pending.AsTask().Exception!.InnerException);

        // An operation without a result, answered with one.
        ValueTask noted = default;
        Assert.Null(Record.Exception(() => noted = session.NoteAsync("x")));
        Assert.True(noted.IsFaulted);
    }

    [Fact]
    public async Task A_late_answer_from_another_host_completes_each_call_with_its_own_result()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());

        for (int i = 0; i < 3; i++)
        {
            ValueTask<string[]> pending = session.SeqsAsync();
            Assert.False(pending.IsCompleted);
            other.Answer(new[] { $"seq:{i}" });
            Assert.Equal([$"seq:{i}"], await pending);
        }

        ValueTask<string[]> failing = session.SeqsAsync();
        other.Fail(new SessionNotFoundException(SessionId.New(), "gone"));
        await Assert.ThrowsAsync<SessionNotFoundException>(async () => await failing);

        ValueTask<string[]> wrong = session.SeqsAsync();
        other.Answer(42);
        await Assert.ThrowsAsync<InvalidCastException>(async () => await wrong);

        ValueTask noted = session.NoteAsync("x");
        other.Answer(null);
        await noted;
    }

    [Fact]
    public void Blocking_on_a_late_answer_from_another_host_waits_for_it()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());

        ValueTask<string[]> pending = session.SeqsAsync();
        Task answering = Task.Run(() => other.Answer(new[] { "late" }));

        // A caller that blocks on the call (sync over async) gets the answer, as it did when an async method wrapped it.
#pragma warning disable xUnit1031 // blocking is what this test is about
        Assert.Equal(["late"], pending.GetAwaiter().GetResult());
        answering.GetAwaiter().GetResult();
#pragma warning restore xUnit1031
    }

    [Fact]
    public async Task Reading_a_late_answer_twice_is_refused()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());
        ValueTask<string[]> pending = session.SeqsAsync();
        other.Answer(new[] { "once" });
        Assert.Equal(["once"], await pending);

        Assert.Throws<InvalidOperationException>(() => pending.GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Awaiting_a_late_answer_again_while_it_is_awaited_already_is_refused_and_the_first_await_still_gets_it()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());
        ValueTask<string[]> pending = session.SeqsAsync();
        Task<string[]> first = pending.AsTask();

        // Misuse: a second consumer of the same ValueTask. It must be told, not take the first one's continuation.
        Assert.Throws<InvalidOperationException>(() => { _ = pending.AsTask(); });
        Assert.Throws<InvalidOperationException>(() => pending.GetAwaiter().OnCompleted(() => { }));

        other.Answer(new[] { "once" });
        Assert.Equal(["once"], await first.Guarded());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pending);
    }

    [Fact]
    public async Task Blocking_on_a_late_answer_that_is_awaited_already_is_refused_and_the_await_still_gets_it()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());
        ValueTask<string[]> pending = session.SeqsAsync();
        Task<string[]> first = pending.AsTask();

        // Misuse: a second consumer blocks on the same ValueTask. It must be told at once, not wait and leave the first
        // one's continuation to run into an answer already taken (a null continuation on a pool thread ends the process).
        Task<string[]> blocked = Task.Run(() => pending.GetAwaiter().GetResult());
        await Assert.ThrowsAsync<InvalidOperationException>(() => blocked.Guarded());

        other.Answer(new[] { "once" });
        Assert.Equal(["once"], await first.Guarded());
    }

    [Fact]
    public async Task Reading_an_answer_whose_awaiting_continuation_has_not_run_yet_leaves_that_continuation_refused_not_crashed()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());
        ValueTask<string[]> pending = session.SeqsAsync();
        var held = new HeldScheduler();

        // The first consumer's continuation goes to a scheduler that runs it only when the test says so.
        Task<string[]> first = await Task.Factory.StartNew(() => pending.AsTask(), CancellationToken.None, TaskCreationOptions.None, held.RunNow).Guarded();
        other.Answer(new[] { "once" });

        // Misuse: a second consumer reads the answer before the first one's continuation has run.
#pragma warning disable xUnit1031 // reading the ValueTask's result directly is what this test is about
        Assert.Equal(["once"], pending.GetAwaiter().GetResult());
#pragma warning restore xUnit1031

        await held.RunQueuedAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.Guarded());
    }

    // Runs what it is given at once while RunNow is the scheduler asked, queues continuations for RunQueued otherwise.
    private sealed class HeldScheduler : TaskScheduler
    {
        private readonly Queue<Task> queued = new();
        private readonly SemaphoreSlim queuedOne = new(0);
        private bool running;

        public TaskScheduler RunNow => this;

        public async Task RunQueuedAsync()
        {
            await queuedOne.WaitAsync().Guarded();
            while (true)
            {
                Task task;
                lock (queued)
                {
                    if (!queued.TryDequeue(out task!))
                    {
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }

        protected override void QueueTask(Task task)
        {
            if (!running)
            {
                running = true;
                ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
                return;
            }

            lock (queued)
            {
                queued.Enqueue(task);
            }

            queuedOne.Release();
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override IEnumerable<Task> GetScheduledTasks()
        {
            lock (queued)
            {
                return queued.ToArray();
            }
        }
    }

    [Fact]
    public async Task Awaiting_a_late_answer_after_AsTask_read_it_is_refused()
    {
        var other = new LateHost();
        Raid.Client session = Raid.Connect(other, SessionId.New());
        ValueTask<string[]> pending = session.SeqsAsync();
        Task<string[]> first = pending.AsTask();
        other.Answer(new[] { "once" });
        Assert.Equal(["once"], await first.Guarded());

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pending);
        Assert.Throws<InvalidOperationException>(() => { _ = pending.AsTask(); });
    }

    // A host that is not a SessionHost and answers each send when the test says so.
    private sealed class LateHost : ISessionHost
    {
        private TaskCompletionSource<object?>? next;

        public void Answer(object? answer) => Volatile.Read(ref next)!.SetResult(answer);

        public void Fail(Exception exception) => Volatile.Read(ref next)!.SetException(exception);

        public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref next, answer);
            return new ValueTask<object?>(answer.Task);
        }

        public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken) =>
            SendAsync(id, message, cancellationToken);

        public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool Post(SessionId id, object message) => true;

        public bool Post(SessionId id, object message, MessageId messageId) => true;

        public SessionSubscription Subscribe(string process, SessionId id, string? participant) => throw new NotSupportedException();

        public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    // A host that is not a SessionHost and answers every send at once with the same result.
    private sealed class AnsweringHost(object? answer) : ISessionHost
    {
        public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) => new(answer);

        public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken) => new(answer);

        public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) => new(answer);

        public bool Post(SessionId id, object message) => true;

        public bool Post(SessionId id, object message, MessageId messageId) => true;

        public SessionSubscription Subscribe(string process, SessionId id, string? participant) => throw new NotSupportedException();

        public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
