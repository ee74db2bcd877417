using System.Threading.Channels;
using SessionGen.Infrastructure;

namespace SessionGen.Runtime.Tests.Seam;

/// <summary>A subscription fed from outside (a transport's): it reads as one of a <see cref="SessionHost"/> does.</summary>
public sealed class SessionEventFeedTests
{
    private static readonly SessionId Id = new("feed-1");

    [Fact]
    public async Task Delivered_events_are_read_in_order_then_the_subscription_completes()
    {
        var feed = new SessionEventFeed("Chat", Id, "ann", capacity: 10);
        SessionSubscription subscription = feed.Subscription;

        Assert.True(feed.TryDeliver(new SessionEvent(Id, 1, "a")));
        Assert.True(feed.TryDeliver(new SessionEvent(Id, 2, "b", "ann")));
        feed.Complete();

        var read = new List<string>();
        await foreach (SessionEvent e in subscription)
        {
            read.Add($"{e.Sequence}:{e.Payload}");
        }

        Assert.Equal(["1:a", "2:b"], read);
        Assert.Equal((Id, "ann"), (subscription.SessionId, subscription.Participant));
        Assert.False(feed.TryDeliver(new SessionEvent(Id, 3, "c")));
    }

    [Fact]
    public async Task A_completion_with_an_error_reaches_the_reader_after_the_events()
    {
        var feed = new SessionEventFeed("Chat", Id, null, capacity: 10);
        feed.TryDeliver(new SessionEvent(Id, 1, "a"));
        feed.Complete(new SessionNotFoundException(Id, "gone"));

        Assert.Equal(1, (await feed.Subscription.ReadAsync()).Sequence);
        var closed = await Assert.ThrowsAsync<ChannelClosedException>(() => feed.Subscription.ReadAsync().AsTask());
        Assert.IsType<SessionNotFoundException>(closed.InnerException);
    }

    [Fact]
    public async Task A_reader_that_falls_behind_the_capacity_gets_what_is_held_then_overflow()
    {
        var feed = new SessionEventFeed("Chat", Id, null, capacity: 2);
        Assert.True(feed.TryDeliver(new SessionEvent(Id, 1, "a")));
        Assert.True(feed.TryDeliver(new SessionEvent(Id, 2, "b")));
        Assert.False(feed.TryDeliver(new SessionEvent(Id, 3, "c")));

        Assert.Equal(1, (await feed.Subscription.ReadAsync()).Sequence);
        Assert.Equal(2, (await feed.Subscription.ReadAsync()).Sequence);
        var overflow = await Assert.ThrowsAsync<SubscriptionOverflowException>(() => feed.Subscription.ReadAsync().AsTask());
        Assert.Equal((2L, 2), (overflow.LastDeliveredSequence, overflow.Capacity));
    }

    [Fact]
    public async Task Reading_gives_room_back()
    {
        var feed = new SessionEventFeed("Chat", Id, null, capacity: 1);
        for (int i = 1; i <= 3; i++)
        {
            Assert.True(feed.TryDeliver(new SessionEvent(Id, i, "x")));
            Assert.Equal(i, (await feed.Subscription.ReadAsync()).Sequence);
        }
    }

    [Fact]
    public async Task Disposing_the_subscription_calls_back_once_and_refuses_later_events()
    {
        int calls = 0;
        var feed = new SessionEventFeed("Chat", Id, null, capacity: 10, () => calls++);

        await feed.Subscription.DisposeAsync();
        await feed.Subscription.DisposeAsync();

        Assert.Equal(1, calls);
        Assert.False(feed.TryDeliver(new SessionEvent(Id, 1, "a")));
    }

    [Fact]
    public void Missed_events_add_up()
    {
        var feed = new SessionEventFeed("Chat", Id, null, capacity: 10);
        feed.AddMissed(2);
        feed.AddMissed(3);
        Assert.Equal(5, feed.Subscription.MissedEvents);
    }
}
