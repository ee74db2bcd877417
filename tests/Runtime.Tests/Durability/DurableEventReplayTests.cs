using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A durable session keeps its recent events (its record does), so a subscriber resumes from a sequence number.</summary>
public sealed class DurableEventReplayTests
{
    [Fact]
    public async Task A_subscriber_resumes_a_durable_session_started_in_this_host_without_EventReplayCapacity()
    {
        await using var hosts = new DurableHosts();
        SessionHost host = hosts.Start(eventReplayCapacity: 0);
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();
        await journal.AddAsync("cake", 4).Guarded();

        await using SessionSubscription resumed = host.Subscribe(journal.Id, participant: null, afterSequence: 1, out long missed);

        Assert.Equal(0, missed);
        Assert.True(resumed.TryRead(out SessionEvent? replayed));
        Assert.Equal((2L, new JournalChanged("cake", 7)), (replayed.Sequence, replayed.Payload));
    }

    [Fact]
    public async Task A_subscriber_resumes_a_reloaded_durable_session_the_same_way()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start(eventReplayCapacity: 0);
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.AddAsync("tea", 3).Guarded();
        await journal.AddAsync("cake", 4).Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        await Journal.Connect(second, journal.Id).EntriesAsync().Guarded(); // loads it

        await using SessionSubscription resumed = second.Subscribe(journal.Id, participant: null, afterSequence: 1, out long missed);

        Assert.Equal(0, missed);
        Assert.True(resumed.TryRead(out SessionEvent? replayed));
        Assert.Equal(2L, replayed.Sequence);
    }
}
