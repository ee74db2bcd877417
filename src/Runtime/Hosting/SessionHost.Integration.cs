using SessionGen.Infrastructure;

namespace SessionGen;

// What a host offers the layers above it (dependency injection, logging, metrics, HTTP): the services that
// process constructors take, the observer, resuming subscriptions, and stopping under a deadline.
public sealed partial class SessionHost
{
    private SessionObserver? observer;

    /// <summary>
    /// The services that generated process factories take constructor parameters from
    /// (<see cref="SessionHostOptions.Services"/>); <see langword="null"/> when the host has none.
    /// </summary>
    public IServiceProvider? Services { get; private set; }

    /// <summary>How many of each session's latest events are kept for resumed subscriptions (<see cref="SessionHostOptions.EventReplayCapacity"/>).</summary>
    public int EventReplayCapacity { get; private set; }

    /// <summary>How many unread events one subscription may hold before it overflows (<see cref="SessionHostOptions.SubscriptionCapacity"/>).</summary>
    public int SubscriptionCapacity { get; private set; }

    /// <summary>How long a participant may be without a subscription before it has left (<see cref="SessionHostOptions.ParticipantLeftGrace"/>).</summary>
    internal TimeSpan ParticipantLeftGrace { get; private set; }

    /// <summary>The sessions running now, for the observed instruments.</summary>
    internal ICollection<SessionContext> RunningSessions => registry.Running;

    /// <summary>
    /// Opens a subscription to session <paramref name="id"/> that first receives the events numbered after
    /// <paramref name="afterSequence"/> that the session still retains (see <see cref="SessionHostOptions.EventReplayCapacity"/>),
    /// then every later one, with none missed or repeated in between. Transports use it to resume a stream
    /// (Server-Sent Events' <c>Last-Event-ID</c>); 0 replays everything retained.
    /// </summary>
    /// <param name="id">The session.</param>
    /// <param name="participant">As for <see cref="Subscribe(SessionId, string?)"/>.</param>
    /// <param name="afterSequence">The sequence number of the last event the subscriber already has.</param>
    /// <param name="missedEvents">
    /// How many events numbered after <paramref name="afterSequence"/> were no longer retained, so are not
    /// replayed (0 when nothing was lost; some of them may have been addressed to other participants).
    /// </param>
    /// <exception cref="SessionNotFoundException">The session does not exist or has ended.</exception>
    public SessionSubscription Subscribe(SessionId id, string? participant, long afterSequence, out long missedEvents)
    {
        SessionContext? session = Find(id, out Exception? error);
        return session is null ? throw error! : session.SubscribeAfter(participant, afterSequence, out missedEvents);
    }

    // Session ids are unique in a host, whatever their process: the process name only says which one the caller means.
    SessionSubscription ISessionHost.Subscribe(string process, SessionId id, string? participant) =>
        OfProcess(process, Subscribe(id, participant));

    /// <inheritdoc/>
    public async ValueTask<SessionSubscription> SubscribeAsync(
        string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (!await LoadOfProcessAsync(process, id, cancellationToken).ConfigureAwait(false))
        {
            // Refused before anything is opened: a subscription opened then dropped would count as its participant's departure.
            throw Find(id, out Exception? error) is null
                ? error!
                : new SessionNotFoundException(id, $"Session '{id}' is not a session of process '{process}'.");
        }

        if (afterSequence is not { } after)
        {
            return OfProcess(process, Subscribe(id, participant));
        }

        SessionSubscription subscription = Subscribe(id, participant, after, out long missed);
        subscription.MissedEvents = missed;
        return OfProcess(process, subscription);
    }

    private static SessionSubscription OfProcess(string process, SessionSubscription subscription)
    {
        if (subscription.ProcessName == process)
        {
            return subscription;
        }

        _ = subscription.DisposeAsync();
        throw new SessionNotFoundException(subscription.SessionId, $"Session '{subscription.SessionId}' is not a session of process '{process}'.");
    }

    /// <summary>
    /// Stops like <see cref="DisposeAsync"/>, but if <paramref name="cancellationToken"/> is cancelled before every
    /// session has finished its accepted messages, the sessions end at once and what is still queued is
    /// dead-lettered (<see cref="DeadLetterReason.HostStopping"/>). This is what an application host's shutdown
    /// deadline means.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task stopping = DisposeAsync().AsTask();
        if (stopping.IsCompleted || !cancellationToken.CanBeCanceled)
        {
            await stopping.ConfigureAwait(false);
            return;
        }

        using (cancellationToken.Register(static host => ((SessionHost)host!).EndEverySessionNow(), this))
        {
            await stopping.ConfigureAwait(false);
        }
    }

    /// <summary>Reads the integration settings; called once from the constructor.</summary>
    private void ApplyIntegrationOptions(SessionHostOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.EventReplayCapacity, nameof(options));
        if (options.SubscriptionCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.SubscriptionCapacity, "SubscriptionCapacity must be at least 1: it is how many unread events one subscription may hold.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.ParticipantLeftGrace, TimeSpan.Zero, nameof(options));
        ParticipantLeftGrace = options.ParticipantLeftGrace;
        Services = options.Services;
        EventReplayCapacity = options.EventReplayCapacity;
        SubscriptionCapacity = options.SubscriptionCapacity;
        observer = options.Observer;
        LiveHosts.Register(this);
    }

    /// <summary>Tells the observer, if there is one; what it throws must not break the session.</summary>
    internal void Notify<TState>(Action<SessionObserver, TState> call, TState state)
    {
        if (observer is null)
        {
            return;
        }

        try
        {
            call(observer, state);
        }
        catch (Exception)
        {
            // An observer is a bystander: its failure is not the session's.
        }
    }

    private void EndEverySessionNow()
    {
        foreach (SessionContext session in registry.Running)
        {
            session.EndForShutdown();
        }
    }
}
