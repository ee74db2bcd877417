namespace SessionGen;

/// <summary>The host's dead-letter stream: a count, and the subscriptions that receive them.</summary>
internal sealed class DeadLetterOffice
{
    private DeadLetterSubscription[] subscriptions = [];
    private long count;

    public long Count => Interlocked.Read(ref count);

    public DeadLetterSubscription Subscribe(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        var subscription = new DeadLetterSubscription(this, capacity);
        lock (this)
        {
            subscriptions = [.. subscriptions, subscription];
        }

        return subscription;
    }

    public void Remove(DeadLetterSubscription subscription)
    {
        lock (this)
        {
            subscriptions = subscriptions.Where(s => s != subscription).ToArray();
        }
    }

    public void Post(DeadLetter deadLetter)
    {
        Interlocked.Increment(ref count);
        SessionMetrics.DeadLetterFiled(deadLetter);
        foreach (DeadLetterSubscription subscription in Volatile.Read(ref subscriptions))
        {
            subscription.Deliver(deadLetter);
        }
    }

    public void CompleteAll()
    {
        DeadLetterSubscription[] open;
        lock (this)
        {
            open = subscriptions;
            subscriptions = [];
        }

        foreach (DeadLetterSubscription subscription in open)
        {
            subscription.Complete();
        }
    }
}
