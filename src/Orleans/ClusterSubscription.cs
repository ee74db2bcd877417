using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>
/// A client's subscription to a session's events across the cluster: an observer object the session's grain sends
/// events to, resubscribed every <see cref="ClusterSessionHost.SubscriptionRefresh"/> with the last sequence number it
/// delivered (the grain answers what it missed: after a silo loss, the stored session's retained events). Observer calls
/// overtake each other and may repeat what an answer carried: events are put back in order by each one's link to the
/// one before it, and those already delivered are dropped, so the reader sees no gap and no repeat.
/// </summary>
internal sealed class ClusterSubscription : ISessionObserver
{
    private const int Capacity = 10_000;

    private readonly ClusterSessionHost host;
    private readonly IGrainFactory grains;
    private readonly ISessionGrain grain;
    private readonly string? participant;
    private readonly SessionEventFeed feed;
    private readonly CancellationTokenSource stop = new();
    private readonly object gate = new();

    // Events that came before the one they follow, by the number of the one they follow.
    private readonly Dictionary<long, WireEvent> early = new();
    private ISessionObserver reference = null!;

    // The number of the last event delivered to the reader (-1: none, and opened "from now").
    private long last;
    private long? endedThrough;
    private SessionFailure? endedWith;
    private bool over;
    private bool gapSeen;
    private int disposed;

    public ClusterSubscription(ClusterSessionHost host, IGrainFactory grains, string process, SessionId id, string? participant, long? afterSequence)
    {
        this.host = host;
        this.grains = grains;
        this.participant = participant;
        grain = grains.GetGrain<ISessionGrain>(SessionGrain.Key(process, id));
        last = afterSequence ?? -1;
        feed = new SessionEventFeed(process, id, participant, Capacity, Dispose);
    }

    public SessionSubscription Subscription => feed.Subscription;

    /// <summary>Subscribes for the first time; false (and the reason) when the session is not there.</summary>
    public async Task<SessionFailure?> OpenAsync(CancellationToken cancellationToken)
    {
        reference = grains.CreateObjectReference<ISessionObserver>(this);
        SubscribeReply reply;
        try
        {
            reply = await grain.Subscribe(reference, participant, last < 0 ? null : last, restart: false)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Dispose();
            throw;
        }

        if (reply.Failure is { } failure)
        {
            Dispose();
            return failure;
        }

        feed.AddMissed(reply.Missed);
        Accept(reply.Backlog);
        _ = RefreshLoopAsync();
        return null;
    }

    public Task OnEvents(WireEvent[] events)
    {
        Accept(events);
        return Task.CompletedTask;
    }

    public Task OnEnded(long through, SessionFailure? fault)
    {
        lock (gate)
        {
            endedThrough = through;
            endedWith = fault;
            CompleteIfEnded();
        }

        return Task.CompletedTask;
    }

    /// <summary>Fails the subscription (the first subscribe did not reach the grain, say).</summary>
    public void Fail(Exception error)
    {
        lock (gate)
        {
            over = true;
            feed.Complete(error);
        }

        Dispose();
    }

    private void Accept(WireEvent[] events)
    {
        lock (gate)
        {
            foreach (WireEvent @event in events)
            {
                if (over || @event.Sequence <= last)
                {
                    continue; // delivered already
                }

                if (@event.Previous != last)
                {
                    early[@event.Previous] = @event;
                    continue;
                }

                Deliver(@event);
                while (!over && early.Remove(last, out WireEvent? next))
                {
                    Deliver(next);
                }
            }

            if (early.Count > 0)
            {
                early.Keys.Where(previous => previous < last).ToList().ForEach(previous => early.Remove(previous));
            }

            CompleteIfEnded();
        }
    }

    private void Deliver(WireEvent @event)
    {
        last = @event.Sequence;
        if (!feed.TryDeliver(new SessionEvent(Subscription.SessionId, @event.Sequence, host.DecodeEvent(@event.Type, @event.Data), @event.Participant)))
        {
            over = true; // overflowed or disposed
        }
    }

    private void CompleteIfEnded()
    {
        if (!over && endedThrough is { } through && last >= through)
        {
            over = true;
            feed.Complete(endedWith is { } fault ? Failures.Decode(fault) : null);
            stop.Cancel();
        }
    }

    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(host.SubscriptionRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                long after;
                bool restart;
                lock (gate)
                {
                    if (over)
                    {
                        return;
                    }

                    // A gap seen at two refreshes in a row is not late events: ask for a new stream after the last one.
                    restart = gapSeen && early.Count > 0;
                    gapSeen = early.Count > 0;
                    after = last;
                }

                SubscribeReply reply;
                try
                {
                    reply = await grain.Subscribe(reference, participant, after < 0 ? null : after, restart).ConfigureAwait(false);
                }
                catch (Exception exception) when (ClusterSessionHost.IsTransient(exception) || exception is OrleansException)
                {
                    continue; // the next refresh tries again
                }

                if (reply.Failure is { } failure)
                {
                    // The session is gone (ended while this client was not told, or lost with its silo).
                    Fail(Failures.Decode(failure));
                    return;
                }

                feed.AddMissed(reply.Missed);
                Accept(reply.Backlog);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed, or the session ended.
        }
    }

    /// <summary>The reader disposed the subscription (or it ended): stop refreshing, unsubscribe, drop the reference.</summary>
    private void Dispose()
    {
        // Called by a failed open, by Fail, and by the reader's dispose: the reference is unsubscribed and deleted once
        // (Orleans refuses a second DeleteObjectReference, which would fault an unobserved task).
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        lock (gate)
        {
            over = true;
        }

        stop.Cancel();
        if (reference is not null)
        {
            _ = UnsubscribeAsync();
        }
    }

    private async Task UnsubscribeAsync()
    {
        try
        {
            await grain.Unsubscribe(reference).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            // The grain's silo may be gone: nothing to unsubscribe from.
        }
        finally
        {
            grains.DeleteObjectReference<ISessionObserver>(reference);
        }
    }
}
