using Microsoft.Extensions.Time.Testing;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

/// <summary>
/// A subscriber that does not read holds at most <see cref="SessionHostOptions.SubscriptionCapacity"/> events: past
/// that it is ended with <see cref="SubscriptionOverflowException"/> after what it holds, the session stops delivering
/// to it, and it can resume from the last event it received with nothing lost.
/// </summary>
public sealed class SubscriptionBoundTests
{
    [Fact]
    public async Task A_subscriber_that_does_not_read_gets_its_first_N_events_then_overflow_while_a_reader_gets_everything()
    {
        await using SessionHost host = Create(capacity: 8);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription slow = session.Subscribe();
        await using SessionSubscription reader = session.Subscribe();

        var read = new List<long>();
        for (int i = 0; i < 8 + 5; i++)
        {
            // The handler returns normally every time: overflow never reaches the emitting session.
            Assert.Equal(i + 1, await session.BurstAsync(1).Guarded());
            read.Add((await reader.ReadAsync().Guarded()).Sequence);
        }

        (List<long> received, Exception? end) = await ReadToEndAsync(slow);

        Assert.Equal(Sequences(1, 8), received);
        var overflow = Assert.IsType<SubscriptionOverflowException>(end);
        Assert.Equal((session.Id, (string?)null, 8, 8L), (overflow.SessionId, overflow.Participant, overflow.Capacity, overflow.LastDeliveredSequence));
        Assert.Contains("afterSequence: 8", overflow.Message, StringComparison.Ordinal);
        Assert.Equal(Sequences(1, 13), read);
        Assert.True(host.Contains(session.Id));
        Assert.Equal(1, host.Find(session.Id, out _)!.SubscriptionCount); // only the reader is left
    }

    [Fact]
    public async Task An_overflowed_subscription_is_no_longer_delivered_to_even_by_a_million_more_events()
    {
        await using SessionHost host = Create(capacity: 8);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription slow = session.Subscribe();
        await session.BurstAsync(9).Guarded();
        Assert.Equal(0, host.Find(session.Id, out _)!.SubscriptionCount);

        Assert.Equal(1_000_009, await session.BurstAsync(1_000_000).Guarded());

        // What it holds is the 8 it will still hand out; the million went nowhere near it.
        Assert.Equal(8, slow.BufferedCount);
        Assert.Equal(0, host.Find(session.Id, out _)!.SubscriptionCount);
        (List<long> received, Exception? end) = await ReadToEndAsync(slow);
        Assert.Equal(Sequences(1, 8), received);
        Assert.IsType<SubscriptionOverflowException>(end);
        Assert.Equal(0, slow.BufferedCount);
    }

    [Fact]
    public async Task Resuming_after_the_last_delivered_event_continues_with_nothing_missed()
    {
        await using SessionHost host = Create(capacity: 4, eventReplayCapacity: 100);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        SessionSubscription slow = session.Subscribe();
        await session.BurstAsync(10).Guarded();

        var received = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            received.Add((await slow.ReadAsync().Guarded()).Sequence);
        }

        // ReadAsync surfaces the typed reason itself, not a ChannelClosedException around it.
        var overflow = await Assert.ThrowsAsync<SubscriptionOverflowException>(() => slow.ReadAsync().Guarded());
        await slow.DisposeAsync();

        // Six events are replayed into a subscription of four: replay does not count against the bound.
        await using SessionSubscription resumed = host.Subscribe(session.Id, participant: null, afterSequence: overflow.LastDeliveredSequence, out long missed);
        await session.BurstAsync(3).Guarded();
        await session.CloseAsync().Guarded();
        (List<long> rest, Exception? end) = await ReadToEndAsync(resumed);

        Assert.Equal(0, missed);
        Assert.Null(end);
        Assert.Equal(Sequences(1, 13), received.Concat(rest));
    }

    [Fact]
    public async Task A_participant_subscription_counts_only_its_own_events_and_resumes_after_the_last_it_received()
    {
        await using SessionHost host = Create(capacity: 2, eventReplayCapacity: 100);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription ann = session.Subscribe("ann");
        await session.WhisperAsync("bob", 5).Guarded();  // 1-5: not ann's, not counted
        await session.WhisperAsync("ann", 3).Guarded();  // 6-8: the third overflows

        (List<long> received, Exception? end) = await ReadToEndAsync(ann);
        var overflow = Assert.IsType<SubscriptionOverflowException>(end);
        await using SessionSubscription resumed = host.Subscribe(session.Id, "ann", overflow.LastDeliveredSequence, out long missed);

        Assert.Equal([6L, 7L], received);
        Assert.Equal(("ann", 2, 7L), (overflow.Participant, overflow.Capacity, overflow.LastDeliveredSequence));
        Assert.Equal(0, missed);
        Assert.Equal(8, (await resumed.ReadAsync().Guarded()).Sequence);
    }

    [Fact]
    public async Task An_overflowed_subscription_stays_overflowed_when_the_session_ends_and_a_full_one_simply_ends()
    {
        await using SessionHost host = Create(capacity: 3);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription overflowed = session.Subscribe();
        await session.BurstAsync(4).Guarded();
        await session.CloseAsync().Guarded();

        Broadcaster.Client other = await Broadcaster.StartAsync(host).Guarded();
        await using SessionSubscription full = other.Subscribe();
        await other.BurstAsync(3).Guarded();
        await other.CloseAsync().Guarded();

        // The session's end came after the overflow and does not replace it: events after #3 are still to resume.
        (List<long> cut, Exception? overflow) = await ReadToEndAsync(overflowed);
        Assert.Equal(Sequences(1, 3), cut);
        Assert.Equal(3, Assert.IsType<SubscriptionOverflowException>(overflow).LastDeliveredSequence);

        // Exactly full when its session ended: nothing was lost, so it simply ends.
        (List<long> all, Exception? end) = await ReadToEndAsync(full);
        Assert.Equal(Sequences(1, 3), all);
        Assert.Null(end);
    }

    [Fact]
    public async Task A_disposed_subscription_never_reports_overflow()
    {
        await using SessionHost host = Create(capacity: 2);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        SessionSubscription events = session.Subscribe();
        await session.BurstAsync(2).Guarded();
        await events.DisposeAsync();
        await session.BurstAsync(5).Guarded();

        (List<long> received, Exception? end) = await ReadToEndAsync(events);
        Assert.Equal(Sequences(1, 2), received);
        Assert.Null(end);
    }

    [Fact]
    public async Task Readers_on_other_threads_that_overflow_and_resume_while_a_burst_runs_miss_and_repeat_nothing()
    {
        const int Total = 100_000;
        await using SessionHost host = Create(capacity: 64, eventReplayCapacity: Total);
        Broadcaster.Client session = await Broadcaster.StartAsync(host).Guarded();
        SessionSubscription first = session.Subscribe();
        SessionSubscription disposed = session.Subscribe();

        // One reader resumes after every overflow; another thread disposes a second subscription mid-burst.
        Task<List<long>> reading = Task.Run(() => ReadResumingAsync(host, session.Id, first, Total));
        Task disposing = Task.Run(async () =>
        {
            await disposed.ReadAsync().Guarded();
            await disposed.DisposeAsync();
        });
        Assert.Equal(Total, await session.BurstAsync(Total).Guarded());
        await disposing.Guarded();

        List<long> received = await reading.Guarded();
        Assert.Equal(Sequences(1, Total), received);
        (List<long> prefix, Exception? end) = await ReadToEndAsync(disposed);
        Assert.Equal(Sequences(2, prefix.Count + 1), prefix); // the first was read before disposing
        Assert.True(end is null or SubscriptionOverflowException, $"unexpected end {end}");
    }

    [Fact]
    public void The_capacity_defaults_to_ten_thousand_and_must_be_positive()
    {
        Assert.Equal(10_000, new SessionHostOptions().SubscriptionCapacity);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new SessionHost(new SessionHostOptions { SubscriptionCapacity = 0 }));
        Assert.Contains("SubscriptionCapacity", refused.Message, StringComparison.Ordinal);
    }

    private static SessionHost Create(int capacity, int eventReplayCapacity = 0) => new(new SessionHostOptions
    {
        TimeProvider = new FakeTimeProvider(),
        SubscriptionCapacity = capacity,
        EventReplayCapacity = eventReplayCapacity,
    });

    private static List<long> Sequences(long first, long last) => [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(static n => (long)n)];

    /// <summary>Every event with <c>await foreach</c>, and how it ended: null when the session ended normally.</summary>
    private static async Task<(List<long> Received, Exception? End)> ReadToEndAsync(SessionSubscription subscription)
    {
        var received = new List<long>();
        using var guard = new CancellationTokenSource(TestHosts.Guard);
        try
        {
            await foreach (SessionEvent @event in subscription.WithCancellation(guard.Token))
            {
                received.Add(@event.Sequence);
            }

            return (received, null);
        }
        catch (SessionException exception)
        {
            return (received, exception);
        }
    }

    /// <summary>Reads <paramref name="total"/> events, resuming after the last one received at each overflow.</summary>
    private static async Task<List<long>> ReadResumingAsync(SessionHost host, SessionId id, SessionSubscription subscription, int total)
    {
        var received = new List<long>(total);
        while (received.Count < total)
        {
            try
            {
                received.Add((await subscription.ReadAsync().Guarded()).Sequence);
            }
            catch (SubscriptionOverflowException overflow)
            {
                Assert.Equal(received[^1], overflow.LastDeliveredSequence);
                await subscription.DisposeAsync();
                subscription = host.Subscribe(id, participant: null, overflow.LastDeliveredSequence, out long missed);
                Assert.Equal(0, missed);
            }
        }

        await subscription.DisposeAsync();
        return received;
    }
}
