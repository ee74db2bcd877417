namespace SessionGen;

// Resuming a subscription from a sequence number: the replay and the switch to live delivery happen under
// the lock that Publish takes, so a resumed subscriber neither misses nor repeats an event.
internal sealed partial class SubscriberList
{
    private EventReplayBuffer? replay;

    /// <summary>Keeps the last <paramref name="capacity"/> events for <see cref="AddReplaying"/>; 0 keeps none.</summary>
    public void EnableReplay(int capacity)
    {
        if (capacity > 0)
        {
            replay = new EventReplayBuffer(capacity);
        }
    }

    /// <summary>
    /// A reloaded durable session: numbering goes on after <paramref name="lastSequence"/>, and the stored recent
    /// events are retained for subscribers that resume (their payloads as JSON, the types not being stored).
    /// </summary>
    public void Restore(long lastSequence, IEnumerable<SessionEvent> recent, int capacity)
    {
        lock (this)
        {
            sequence = lastSequence;
            replay ??= new EventReplayBuffer(capacity);
            foreach (SessionEvent @event in recent)
            {
                replay.Record(@event);
            }
        }
    }

    /// <summary>
    /// Delivers to <paramref name="subscription"/> the retained events numbered after <paramref name="afterSequence"/>
    /// that are for it, then adds it; false when the session has ended. <paramref name="missedEvents"/> counts the
    /// events after <paramref name="afterSequence"/> that are no longer retained (some may have been another
    /// participant's).
    /// </summary>
    public bool AddReplaying(SessionSubscription subscription, long afterSequence, out long missedEvents)
    {
        lock (this)
        {
            missedEvents = 0;
            if (completed)
            {
                return false;
            }

            long firstRetained = replay?.OldestSequence ?? sequence + 1;
            missedEvents = Math.Max(0, Math.Min(firstRetained - 1, sequence) - Math.Max(afterSequence, 0));
            if (replay is not null)
            {
                foreach (SessionEvent @event in replay.Events())
                {
                    if (@event.Sequence > afterSequence && (@event.Participant is null || @event.Participant == subscription.Participant))
                    {
                        subscription.Replay(@event); // takes no room: these are retained in any case
                    }
                }
            }

            subscriptions = [.. subscriptions, subscription];
            return true;
        }
    }
}
