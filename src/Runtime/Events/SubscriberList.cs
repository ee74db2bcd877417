namespace SessionGen;

/// <summary>
/// A session's subscriptions. Publishing takes the same lock as subscribing, so every subscription
/// receives events in sequence order and one opened mid-stream starts at a clean boundary. A subscription that
/// overflows (<see cref="SessionHostOptions.SubscriptionCapacity"/>) is removed as the event that found it full is
/// published; the others are unaffected.
/// </summary>
internal sealed partial class SubscriberList
{
    /// <summary>Stands for the subscriptions of a session that ended before anyone subscribed or it emitted.</summary>
    public static readonly SubscriberList Ended = new() { completed = true };

    private SessionSubscription[] subscriptions = [];
    private long sequence;
    private bool completed;

    /// <summary>How many subscriptions are delivered to.</summary>
    public int Count => Volatile.Read(ref subscriptions).Length;

    public bool Add(SessionSubscription subscription)
    {
        lock (this)
        {
            if (completed)
            {
                return false;
            }

            subscriptions = [.. subscriptions, subscription];
            return true;
        }
    }

    public void Remove(SessionSubscription subscription)
    {
        lock (this)
        {
            RemoveLocked(subscription);
        }
    }

    /// <summary>Numbers the event and delivers it; returns it as its subscribers received it.</summary>
    public SessionEvent Publish(SessionId sessionId, object payload, string? participant)
    {
        lock (this)
        {
            if (completed)
            {
                throw new InvalidOperationException($"Session '{sessionId}' has ended; it can no longer emit events.");
            }

            var @event = new SessionEvent(sessionId, ++sequence, payload, participant);
            replay?.Record(@event);

            // foreach reads the field once: removing an overflowed subscription replaces the array, not this one.
            foreach (SessionSubscription subscription in subscriptions)
            {
                if ((participant is null || subscription.Participant == participant) && !subscription.Deliver(@event))
                {
                    RemoveLocked(subscription); // it overflowed: later events no longer cost it anything
                }
            }

            return @event;
        }
    }

    public void CompleteAll(Exception? fault)
    {
        SessionSubscription[] open;
        lock (this)
        {
            completed = true;
            open = subscriptions;
            subscriptions = [];
        }

        foreach (SessionSubscription subscription in open)
        {
            subscription.Complete(fault);
        }
    }

    private void RemoveLocked(SessionSubscription subscription)
    {
        int index = Array.IndexOf(subscriptions, subscription);
        if (index < 0)
        {
            return;
        }

        var rest = new SessionSubscription[subscriptions.Length - 1];
        Array.Copy(subscriptions, 0, rest, 0, index);
        Array.Copy(subscriptions, index + 1, rest, index, rest.Length - index);
        subscriptions = rest;
    }
}
