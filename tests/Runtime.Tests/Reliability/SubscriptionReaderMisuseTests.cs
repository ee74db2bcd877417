using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>
/// A subscription's enumerator used as it must not be (review rev-subs): a misuse throws at the one who misused it;
/// it never leaves a reader hanging, and never takes another reader's wake-up or event.
/// </summary>
public sealed class SubscriptionReaderMisuseTests
{
    [Fact]
    public async Task MoveNextAsync_again_before_the_pending_one_completed_throws_and_the_other_waiting_reader_is_still_woken()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        await using IAsyncEnumerator<SessionEvent> other = events.GetAsyncEnumerator();
        await using IAsyncEnumerator<SessionEvent> misused = events.GetAsyncEnumerator();

        ValueTask<bool> otherNext = other.MoveNextAsync();
        ValueTask<bool> first = misused.MoveNextAsync();
        Assert.False(otherNext.IsCompleted || first.IsCompleted);

        Assert.Throws<InvalidOperationException>(() => { _ = misused.MoveNextAsync(); });

        // Both still wait: the end wakes both, and neither hangs.
        await session.CloseAsync().Guarded();
        Assert.False(await otherNext.Guarded());
        Assert.False(await first.Guarded());
    }

    [Fact]
    public async Task Disposing_the_enumerator_while_its_MoveNextAsync_waits_ends_that_wait_and_leaves_the_next_event_to_other_readers()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        IAsyncEnumerator<SessionEvent> loop = events.GetAsyncEnumerator();

        ValueTask<bool> next = loop.MoveNextAsync();
        Assert.False(next.IsCompleted);
        await loop.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => next.Guarded());
        Assert.False(await loop.MoveNextAsync().Guarded());
        await session.BurstAsync(1).Guarded();
        Assert.Equal(1, (await events.ReadAsync().Guarded()).Sequence);
    }

    [Fact]
    public async Task Awaiting_a_pending_MoveNextAsync_twice_throws_and_the_first_await_still_gets_the_event()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        await using IAsyncEnumerator<SessionEvent> loop = events.GetAsyncEnumerator();

        ValueTask<bool> next = loop.MoveNextAsync();
        Task<bool> asTask = next.AsTask();
        Assert.Throws<InvalidOperationException>(() => next.GetAwaiter().OnCompleted(static () => { }));

        await session.BurstAsync(1).Guarded();
        Assert.True(await asTask.Guarded());
        Assert.Equal(1, loop.Current.Sequence);
    }

    [Fact]
    public async Task A_cancel_racing_an_event_either_delivers_it_or_throws_and_leaves_it_readable_never_both_never_neither()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        const int rounds = 300;
        var read = new List<long>();
        for (int i = 0; i < rounds; i++)
        {
            using var cancel = new CancellationTokenSource();
            await using IAsyncEnumerator<SessionEvent> loop = events.GetAsyncEnumerator(cancel.Token);
            ValueTask<bool> next = loop.MoveNextAsync();
            using var go = new Barrier(2);
            Task emit = Task.Run(async () => { go.SignalAndWait(); await session.BurstAsync(1); });
            Task cancelling = Task.Run(() => { go.SignalAndWait(); cancel.Cancel(); });
            try
            {
                if (await next.Guarded())
                {
                    read.Add(loop.Current.Sequence);
                }
            }
            catch (OperationCanceledException)
            {
            }

            await Task.WhenAll(emit, cancelling).Guarded();
            while (events.TryRead(out SessionEvent? left))
            {
                read.Add(left.Sequence);
            }
        }

        Assert.Equal(Enumerable.Range(1, rounds).Select(static n => (long)n), read);
    }

    [Fact]
    public async Task A_waiting_await_foreach_resumes_with_its_AsyncLocal_and_on_its_SynchronizationContext()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        var flowed = new AsyncLocal<string>();
        var context = new CountingContext();
        var resumed = new TaskCompletionSource<(string?, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);

        SynchronizationContext? previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            flowed.Value = "reader";
            _ = ReadOneAsync();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
            flowed.Value = null!;
        }

        await session.BurstAsync(1).Guarded();
        (string? value, bool onContext) = await resumed.Task.Guarded();
        Assert.Equal("reader", value);
        Assert.True(onContext);
        Assert.True(context.Posted > 0);

        async Task ReadOneAsync()
        {
            await foreach (SessionEvent _ in events)
            {
                resumed.SetResult((flowed.Value, SynchronizationContext.Current == context));
                return;
            }
        }
    }

    private sealed class CountingContext : SynchronizationContext
    {
        private int posted;

        public int Posted => Volatile.Read(ref posted);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref posted);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                SetSynchronizationContext(this);
                d(state);
            });
        }
    }

    private static SessionHost Create() => new(new SessionHostOptions { TimeProvider = new FakeTimeProvider(), SubscriptionCapacity = 16 });
}
