using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>Event numbers go on across restarts, and a subscriber resumes from the last one it saw with no gap or repeat.</summary>
public sealed class DurableEventTests
{
    [Fact]
    public async Task Event_numbering_goes_on_in_a_new_host_and_a_resumed_subscriber_gets_the_stored_events_it_missed()
    {
        await using var hosts = new DurableHosts();
        SessionHost first = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(first, "ann").Guarded();
        await journal.AddAsync("a", 1).Guarded();
        await journal.AddAsync("b", 2).Guarded();
        await journal.AddAsync("c", 3).Guarded();
        SessionHost second = await hosts.RestartAsync(first);
        Journal.Client again = Journal.Connect(second, journal.Id);
        await again.AddAsync("d", 4).Guarded();

        // A subscriber that had seen event 1 before the restart resumes after it.
        await using SessionSubscription resumed = second.Subscribe(journal.Id, participant: null, afterSequence: 1, out long missed);
        await using IAsyncEnumerator<SessionEvent> next = resumed.GetAsyncEnumerator();
        var seen = new List<SessionEvent>();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(await next.MoveNextAsync().AsTask().Guarded());
            seen.Add(next.Current);
        }

        Assert.Equal(0, missed);
        Assert.Equal([2L, 3L, 4L], seen.Select(e => e.Sequence));
        // Stored events come back as their type's name and their JSON; the live one is the emitted object.
        var restored = Assert.IsType<RestoredEvent>(seen[0].Payload);
        Assert.Equal(nameof(JournalChanged), restored.Type);
        Assert.Equal("b", restored.Data.GetProperty("Item").GetString());
        Assert.Equal(new JournalChanged("d", 10), seen[2].Payload);
    }
}
