namespace SessionGen;

/// <summary>
/// One session's memory of the message ids it was sent within the host's deduplication window: the first message of
/// each id (<see cref="MessageIdEntry"/>), kept while it is pending and, once handled, until the window has passed.
/// </summary>
internal sealed class MessageIdCache
{
    private readonly Dictionary<MessageId, MessageIdEntry> entries = new();
    private readonly Queue<(MessageIdEntry Entry, long Timestamp)> arrivals = new();
    private readonly SessionHost host;

    public MessageIdCache(SessionHost host)
    {
        this.host = host;
    }

    /// <summary>The first message sent with <paramref name="candidate"/>'s id, or <paramref name="candidate"/> itself when there is none.</summary>
    public MessageIdEntry GetOrAdd(MessageIdEntry candidate)
    {
        lock (entries)
        {
            ForgetExpired();
            if (entries.TryGetValue(candidate.MessageId, out MessageIdEntry? first))
            {
                return first;
            }

            entries.Add(candidate.MessageId, candidate);
            arrivals.Enqueue((candidate, host.TimeProvider.GetTimestamp()));
            return candidate;
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

    private void ForgetExpired()
    {
        while (arrivals.TryPeek(out (MessageIdEntry Entry, long Timestamp) oldest)
            && host.TimeProvider.GetElapsedTime(oldest.Timestamp) >= host.DeduplicationWindow)
        {
            arrivals.Dequeue();
            Remove(oldest.Entry);
        }
    }

    private void Remove(MessageIdEntry entry)
    {
        if (entries.TryGetValue(entry.MessageId, out MessageIdEntry? current) && current == entry)
        {
            entries.Remove(entry.MessageId);
        }
    }
}
