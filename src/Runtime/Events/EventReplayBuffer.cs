namespace SessionGen;

/// <summary>
/// A session's most recent events, so that a subscriber that lost its connection (an SSE client) can resume
/// after the last one it saw. A ring of at most the host's <see cref="SessionHostOptions.EventReplayCapacity"/>
/// events, grown on demand; the events themselves are the ones subscribers received, not copies.
/// </summary>
internal sealed class EventReplayBuffer
{
    private readonly int capacity;
    private SessionEvent[] ring;
    private int start;
    private int count;

    public EventReplayBuffer(int capacity)
    {
        this.capacity = capacity;
        ring = new SessionEvent[Math.Min(capacity, 16)];
    }

    /// <summary>The sequence of the oldest event held, or null when none is.</summary>
    public long? OldestSequence => count == 0 ? null : ring[start].Sequence;

    public void Record(SessionEvent @event)
    {
        if (count < ring.Length)
        {
            ring[(start + count++) % ring.Length] = @event;
            return;
        }

        if (ring.Length < capacity)
        {
            var larger = new SessionEvent[Math.Min(capacity, ring.Length * 2)];
            for (int i = 0; i < count; i++)
            {
                larger[i] = ring[(start + i) % ring.Length];
            }

            ring = larger;
            start = 0;
            ring[count++] = @event;
            return;
        }

        ring[start] = @event; // full: the newest replaces the oldest
        start = (start + 1) % ring.Length;
    }

    /// <summary>The events held, oldest first.</summary>
    public IEnumerable<SessionEvent> Events()
    {
        for (int i = 0; i < count; i++)
        {
            yield return ring[(start + i) % ring.Length];
        }
    }
}
