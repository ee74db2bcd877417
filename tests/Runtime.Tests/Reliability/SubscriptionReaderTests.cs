using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>
/// The readers of a subscription that have to wait (its buffer is its own, not a channel's): a waiting reader is woken
/// by the next event, by the end, or by its token, and whatever wakes whom, no event is lost or handed out twice.
/// </summary>
public sealed class SubscriptionReaderTests
{
    [Fact]
    public async Task A_waiting_await_foreach_is_cancelled_by_its_token_and_a_later_reader_gets_every_event()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        using var cancel = new CancellationTokenSource();
        await using IAsyncEnumerator<SessionEvent> waiting = events.GetAsyncEnumerator(cancel.Token);

        ValueTask<bool> next = waiting.MoveNextAsync();
        Assert.False(next.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.AsTask().Guarded());
        await session.BurstAsync(3).Guarded();
        var read = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            read.Add((await events.ReadAsync().Guarded()).Sequence);
        }

        Assert.Equal([1L, 2L, 3L], read);
    }

    [Fact]
    public async Task Readers_waiting_at_once_each_get_one_event_and_none_is_lost_or_repeated()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();

        Task<SessionEvent>[] readers = [events.ReadAsync().AsTask(), events.ReadAsync().AsTask(), events.ReadAsync().AsTask()];
        Assert.DoesNotContain(readers, reader => reader.IsCompleted);
        await session.BurstAsync(2).Guarded();
        await session.BurstAsync(1).Guarded();

        SessionEvent[] read = await Task.WhenAll(readers).Guarded();
        Assert.Equal([1L, 2L, 3L], read.Select(static e => e.Sequence).Order());
        Assert.Equal(0, events.BufferedCount);
    }

    [Fact]
    public async Task A_reader_waiting_when_the_session_ends_is_told_it_ended_and_one_waiting_on_a_disposed_subscription_stops()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        SessionSubscription ending = session.Subscribe();
        SessionSubscription disposing = session.Subscribe();
        ValueTask<SessionEvent> read = ending.ReadAsync();
        await using IAsyncEnumerator<SessionEvent> loop = disposing.GetAsyncEnumerator();
        ValueTask<bool> next = loop.MoveNextAsync();
        Assert.False(read.IsCompleted || next.IsCompleted);

        await disposing.DisposeAsync();
        Assert.False(await next.AsTask().Guarded());
        await session.CloseAsync().Guarded();
        var closed = await Assert.ThrowsAsync<ChannelClosedException>(() => read.AsTask().Guarded());
        Assert.Null(closed.InnerException);
    }

    [Fact]
    public async Task A_token_cancelled_before_reading_wins_over_buffered_events_which_stay_readable()
    {
        await using SessionHost host = Create();
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription events = session.Subscribe();
        await session.BurstAsync(2).Guarded();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => events.ReadAsync(new CancellationToken(canceled: true)).AsTask());
        await using IAsyncEnumerator<SessionEvent> loop = events.GetAsyncEnumerator(new CancellationToken(canceled: true));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.MoveNextAsync().AsTask());

        Assert.Equal(2, events.BufferedCount);
        Assert.True(events.TryRead(out SessionEvent? first));
        Assert.Equal(1, first.Sequence);
    }

    private static SessionHost Create() => new(new SessionHostOptions { TimeProvider = new FakeTimeProvider(), SubscriptionCapacity = 16 });
}
