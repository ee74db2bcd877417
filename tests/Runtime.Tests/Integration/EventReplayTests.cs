using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>A subscription resumed after a sequence number gets the retained events after it, then the live ones: none lost, none repeated.</summary>
[Collection(ProbeHosts.Collection)]
public sealed class EventReplayTests
{
    [Fact]
    public async Task A_resumed_subscription_gets_the_events_after_the_last_one_seen_then_live_ones()
    {
        await using SessionHost host = ProbeHosts.Create(out _, eventReplayCapacity: 10);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();
        for (int i = 0; i < 5; i++)
        {
            await probe.PingAsync(0).Guarded();
        }

        await using SessionSubscription resumed = host.Subscribe(probe.Id, participant: null, afterSequence: 2, out long missed);
        await probe.PingAsync(0).Guarded();

        Assert.Equal(0, missed);
        long[] sequences = await ReadAsync(resumed, 4);
        Assert.Equal([3L, 4L, 5L, 6L], sequences);
        Assert.False(resumed.TryRead(out _));
    }

    [Fact]
    public async Task Events_no_longer_retained_are_reported_as_missed()
    {
        await using SessionHost host = ProbeHosts.Create(out _, eventReplayCapacity: 3);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();
        for (int i = 0; i < 6; i++)
        {
            await probe.PingAsync(0).Guarded();
        }

        await using SessionSubscription resumed = host.Subscribe(probe.Id, participant: null, afterSequence: 1, out long missed);

        Assert.Equal(2, missed); // 2 and 3 were pushed out by 4, 5 and 6
        long[] sequences = await ReadAsync(resumed, 3);
        Assert.Equal([4L, 5L, 6L], sequences);
    }

    [Fact]
    public async Task Replay_honours_the_participant_and_a_host_without_replay_keeps_nothing()
    {
        await using SessionHost host = ProbeHosts.Create(out _, eventReplayCapacity: 10);
        Probe.Client probe = await Probe.StartAsync(host).Guarded();
        await probe.WhisperAsync("ann", "for ann").Guarded();
        await probe.WhisperAsync("bob", "for bob").Guarded();
        await probe.PingAsync(0).Guarded();

        await using SessionSubscription ann = host.Subscribe(probe.Id, "ann", afterSequence: 0, out _);
        SessionEvent[] received = await ReadEventsAsync(ann, 2);
        Assert.Equal(["for ann", new Pinged(1)], received.Select(static e => e.Payload));
        Assert.False(ann.TryRead(out _));

        await using SessionHost plain = ProbeHosts.Create(out _);
        Probe.Client other = await Probe.StartAsync(plain).Guarded();
        await other.PingAsync(0).Guarded();
        await using SessionSubscription nothing = plain.Subscribe(other.Id, participant: null, afterSequence: 0, out long missed);
        Assert.Equal(1, missed);
        Assert.False(nothing.TryRead(out _));
    }

    private static async Task<long[]> ReadAsync(SessionSubscription subscription, int count) =>
        (await ReadEventsAsync(subscription, count)).Select(static e => e.Sequence).ToArray();

    private static async Task<SessionEvent[]> ReadEventsAsync(SessionSubscription subscription, int count)
    {
        var events = new SessionEvent[count];
        for (int i = 0; i < count; i++)
        {
            events[i] = await subscription.ReadAsync().Guarded();
        }

        return events;
    }
}
