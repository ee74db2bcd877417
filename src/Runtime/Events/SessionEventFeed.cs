using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// The writing end of a <see cref="SessionSubscription"/> whose events come from outside this process: a transport
/// (SessionGen.Http's <c>HttpSessionHost</c>, say) reads them off its wire and delivers them here, and its
/// <see cref="ISessionHost.Subscribe"/> hands out <see cref="Subscription"/>, which reads exactly like one of a
/// <see cref="SessionHost"/>: in order, bounded by a capacity (a reader that falls that far behind gets what is held, then
/// <see cref="SubscriptionOverflowException"/>), completing when the session ends.
/// For transports; not a stable API.
/// </summary>
/// <remarks>
/// One writer at a time: <see cref="TryDeliver"/>, <see cref="AddMissed"/> and <see cref="Complete"/> must not be called
/// concurrently with each other. The reader may dispose the subscription at any time; the feed then calls the
/// <c>disposed</c> callback once (the transport stops reading) and <see cref="TryDeliver"/> returns false.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionEventFeed
{
    /// <summary>Creates a feed and its subscription.</summary>
    /// <param name="process">The session's process name (<see cref="SessionProcessAttribute.Name"/>).</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="participant">The participant the subscription was opened for, if any.</param>
    /// <param name="capacity">Unread events held before the subscription overflows; at least 1.</param>
    /// <param name="disposed">Runs once when the reader disposes the subscription; it must not throw or block.</param>
    public SessionEventFeed(string process, SessionId sessionId, string? participant, int capacity, Action? disposed = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(process);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Subscription = new SessionSubscription(process, sessionId, participant, capacity, disposed);
    }

    /// <summary>The subscription this feed writes into: what the transport's host hands to its caller.</summary>
    public SessionSubscription Subscription { get; }

    /// <summary>
    /// Buffers <paramref name="event"/> for the reader; never waits. False when the subscription is over: it was
    /// disposed, completed, or it overflows now (the reader then gets what is held, then
    /// <see cref="SubscriptionOverflowException"/>).
    /// </summary>
    public bool TryDeliver(SessionEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return Subscription.Deliver(@event);
    }

    /// <summary>Adds <paramref name="count"/> to <see cref="SessionSubscription.MissedEvents"/>: events the transport knows it will not deliver.</summary>
    public void AddMissed(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Subscription.AddMissed(count);
    }

    /// <summary>
    /// Ends the subscription after the events already delivered: with no <paramref name="error"/> as when a session
    /// ends, with one (a <see cref="SessionFaultedException"/>, <see cref="SessionNotFoundException"/>…) as the reason
    /// the reader gets once it has read the rest. Only the first end counts.
    /// </summary>
    public void Complete(Exception? error = null) => Subscription.Complete(error);
}
