namespace SessionGen.Infrastructure;

// The session's life as the host's observer, the metrics and the event replay see it. Called from one line
// each in SessionHost.TryStart, SessionContext.End and SessionContext.Fault.
public sealed partial class SessionContext
{
    /// <summary>The session is registered and its starter is queued but has not run.</summary>
    internal void AnnounceStart()
    {
        // A durable session retains as many events as its records keep, as it does once reloaded.
        int replayCapacity = durability?.EventLogCapacity ?? Host.EventReplayCapacity;
        if (replayCapacity > 0)
        {
            Subscribers.EnableReplay(replayCapacity);
        }

        SessionMetrics.SessionStarted(Definition);
        Host.Notify(static (observer, session) => observer.SessionStarted(session.Id, session.Definition.ProtocolName), this);
    }

    /// <summary>The session has ended and its subscriptions are complete.</summary>
    internal void AnnounceEnd()
    {
        if (durability is { Unloading: true })
        {
            return; // it left memory, but lives on in its store
        }

        SessionFaultedException? fault = extras?.Fault;
        SessionEndReason reason = fault is not null ? SessionEndReason.Faulted
            : Host.IsStopping ? SessionEndReason.HostStopping
            : SessionEndReason.Completed;
        SessionMetrics.SessionEnded(Definition, reason);
        Host.Notify(static (observer, ended) => observer.SessionEnded(ended.Session.Id, ended.Session.Definition.ProtocolName, ended.Reason, ended.Fault), (Session: this, Reason: reason, Fault: fault));
    }

    /// <summary>Numbers and delivers an event (a durable session's once its turn is stored), then tells the observer.</summary>
    private void Publish(object payload, string? participant)
    {
        SessionEvent published = Subscribers.Publish(Id, payload, participant);
        Host.Notify(static (observer, emitted) => observer.EventEmitted(emitted.Session.Id, emitted.Session.Definition.ProtocolName, emitted.Event), (Session: this, Event: published));
    }

    /// <summary>A handler threw.</summary>
    internal void AnnounceFault(SessionFaultedException faulted) =>
        Host.Notify(static (observer, failed) => observer.HandlerFaulted(failed.Session.Id, failed.Session.Definition.ProtocolName, failed.Fault), (Session: this, Fault: faulted));

    /// <summary>How many subscriptions the session delivers to now (overflowed and disposed ones are gone).</summary>
    internal int SubscriptionCount => Volatile.Read(ref subscribers)?.Count ?? 0;

    /// <summary>Opens a subscription that first receives the retained events numbered after <paramref name="afterSequence"/>.</summary>
    internal SessionSubscription SubscribeAfter(string? participant, long afterSequence, out long missedEvents)
    {
        var subscription = new SessionSubscription(this, participant);
        if (!Subscribers.AddReplaying(subscription, afterSequence, out missedEvents))
        {
            throw SessionNotFoundException.NoSuchSession(Id);
        }

        CountPresence(subscription);
        return subscription;
    }
}
