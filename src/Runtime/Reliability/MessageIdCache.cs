namespace SessionGen;

/// <summary>
/// One session's memory of the message ids it was sent within the host's deduplication window: the first message of
/// each id (<see cref="MessageIdEntry"/>), kept while it is pending and, once handled, until the window has passed.
/// Ids are kept per caller: another caller's message with the same id is not a repeat (nor answered with its outcome).
/// </summary>
internal sealed class MessageIdCache
{
    private readonly Dictionary<(string? Caller, MessageId Id), MessageIdEntry> entries = new();
    private readonly Queue<(MessageIdEntry Entry, long Timestamp)> arrivals = new();
    private readonly SessionHost host;

    public MessageIdCache(SessionHost host)
    {
        this.host = host;
    }

    /// <summary>The first message sent with <paramref name="candidate"/>'s id, or <paramref name="candidate"/> itself when there is none.</summary>
    public MessageIdEntry GetOrAdd(MessageIdEntry candidate)
    {
        // The clock is the host's TimeProvider, user code: read before the lock, never under it.
        TimeProvider clock = host.TimeProvider;
        long now = clock.GetTimestamp();
        long windowStart = now - (long)(host.DeduplicationWindow.TotalSeconds * clock.TimestampFrequency);
        lock (entries)
        {
            ForgetArrivedBefore(windowStart);
            if (entries.TryGetValue(KeyOf(candidate), out MessageIdEntry? first))
            {
                return first;
            }

            entries.Add(KeyOf(candidate), candidate);
            arrivals.Enqueue((candidate, now));
            return candidate;
        }
    }

    /// <summary>Puts back an id a reloaded durable session had handled <paramref name="age"/> ago; it stays for the rest of the window.</summary>
    public void Restore(MessageIdEntry entry, TimeSpan age)
    {
        TimeProvider clock = host.TimeProvider;
        long arrived = clock.GetTimestamp() - (long)(age.TotalSeconds * clock.TimestampFrequency);
        lock (entries)
        {
            if (entries.TryAdd(KeyOf(entry), entry))
            {
                arrivals.Enqueue((entry, arrived));
            }
        }
    }

    /// <summary>Forgets <paramref name="entry"/>'s id, unless it already stands for a later message.</summary>
    public void Forget(MessageIdEntry entry)
    {
        lock (entries)
        {
            Remove(entry);
        }
    }

    private void ForgetArrivedBefore(long windowStart)
    {
        while (arrivals.TryPeek(out (MessageIdEntry Entry, long Timestamp) oldest) && oldest.Timestamp <= windowStart)
        {
            arrivals.Dequeue();
            Remove(oldest.Entry);
        }
    }

    private void Remove(MessageIdEntry entry)
    {
        if (entries.TryGetValue(KeyOf(entry), out MessageIdEntry? current) && current == entry)
        {
            entries.Remove(KeyOf(entry));
        }
    }

    private static (string? Caller, MessageId Id) KeyOf(MessageIdEntry entry) => (entry.CallerId, entry.MessageId);
}
