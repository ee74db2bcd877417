using System.Collections.Concurrent;

namespace SessionGen;

/// <summary>
/// Runs sessions in memory: each one message at a time, different sessions in parallel on the thread pool.
/// Dispose it to stop: it stops accepting messages, finishes the ones already accepted, then completes every
/// subscription.
/// </summary>
public sealed partial class SessionHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SessionId, SessionContext> sessions = new();
    private readonly ConcurrentDictionary<SessionProcessDefinition, ExecutionGate> gates = new();
    private readonly object lifecycle = new();
    private readonly CancellationTokenSource stoppingSource = new();
    private readonly TimeSpan shutdownTimeout;
    private volatile bool stopping;
    private Task? stopped;

    /// <summary>Creates a host.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    public SessionHost(SessionHostOptions? options = null)
    {
        options ??= new SessionHostOptions();
        TimeProvider = options.TimeProvider ?? throw new ArgumentException("TimeProvider must not be null.", nameof(options));
        DeduplicationWindow = options.DeduplicationWindow;
        shutdownTimeout = options.ShutdownTimeout;
        Timers = new TimerWheel(TimeProvider, options.TimerResolution);
        ApplyIntegrationOptions(options);
    }

    /// <summary>The clock behind this host's timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How many sessions are running.</summary>
    public int SessionCount => sessions.Count;

    /// <summary>How many timeouts are scheduled and not yet due.</summary>
    public int PendingTimeoutCount => Timers.PendingCount;

    /// <summary>Dead letters filed so far: accepted messages that were never handled.</summary>
    public long DeadLetterCount => DeadLetters.Count;

    /// <summary>Cancelled when the host begins to stop; handlers that take a <see cref="CancellationToken"/> see it.</summary>
    public CancellationToken StoppingToken => stoppingSource.Token;

    internal TimerWheel Timers { get; }

    internal DeadLetterOffice DeadLetters { get; } = new();

    internal CorrelationIndex Correlations { get; } = new();

    internal TimeSpan DeduplicationWindow { get; }

    internal bool IsStopping => stopping;

    /// <summary>How many messages wait in session <paramref name="id"/>'s queue (0 when it does not exist).</summary>
    public int GetQueueLength(SessionId id) => sessions.TryGetValue(id, out SessionContext? session) ? session.QueueLength : 0;

    /// <summary>True while session <paramref name="id"/> is running on this host.</summary>
    public bool Contains(SessionId id) => sessions.ContainsKey(id);

    /// <summary>
    /// Sends an untyped message, for transports and tools. <paramref name="message"/> is a generated
    /// <c>P.Messages.*</c> record; a starter's message creates session <paramref name="id"/>.
    /// Completes with the handler's result (<see langword="null"/> for handlers without one).
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The message is not one of the session's operations.</exception>
    /// <exception cref="SessionFaultedException">The handler threw.</exception>
    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is not ISessionMessage sessionMessage)
        {
            return ValueTask.FromException<object?>(NotASessionMessage(id, message));
        }

        return sessionMessage.Operation.SendBoxedAsync(this, id, message, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="message"/> to the operation named <paramref name="operation"/> of session
    /// <paramref name="id"/>, for transports that route by name.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The session's process declares no such operation.</exception>
    /// <exception cref="MessageTypeMismatchException"><paramref name="message"/> is not that operation's message type.</exception>
    public ValueTask<object?> SendAsync(SessionId id, string operation, object? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        SessionOperation? target = FindOperation(id, operation, out _, out Exception? error);
        return target is null ? ValueTask.FromException<object?>(error!) : target.SendBoxedAsync(this, id, message, cancellationToken);
    }

    /// <summary>
    /// Sends an untyped message without a session id: it goes to the session its correlation keys identify
    /// (see <see cref="CorrelationAttribute"/>), to the one session of a <see cref="ExecutionMode.Single"/>
    /// process, or, for a starter, to a new session.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No session correlates with the message's keys (the message names them).</exception>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is not ISessionMessage sessionMessage)
        {
            return ValueTask.FromException<object?>(NotASessionMessage(default, message));
        }

        SessionOperation operation = sessionMessage.Operation;
        IReadOnlyList<CorrelationKey> keys = operation.CorrelationKeysOf(message);
        if (operation.StartsSession)
        {
            return operation.SendBoxedAsync(this, SessionId.New(), message, cancellationToken);
        }

        SessionContext? target = Correlations.Find(keys)
            ?? (operation.Process.Settings.Execution == ExecutionMode.Single ? GateOf(operation.Process).Running : null);
        if (target is null)
        {
            string why = keys.Count == 0
                ? $"'{operation}' declares no correlation keys, so it needs a session id"
                : $"no session correlates with {string.Join(", ", keys)}";
            return ValueTask.FromException<object?>(new SessionNotFoundException(default, $"Cannot route '{operation}': {why}."));
        }

        return operation.SendBoxedAsync(this, target.Id, message, cancellationToken);
    }

    /// <summary>
    /// Opens a subscription to the host's dead letters (accepted messages that were never handled), from this
    /// moment on. It buffers up to <paramref name="capacity"/> and counts what it drops beyond that.
    /// </summary>
    public DeadLetterSubscription SubscribeDeadLetters(int capacity = 10_000) => DeadLetters.Subscribe(capacity);

    /// <summary>
    /// Opens a subscription to session <paramref name="id"/>'s events, buffering from this moment on.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session does not exist or has ended.</exception>
    public SessionSubscription Subscribe(SessionId id, string? participant = null)
    {
        SessionContext? session = Find(id, out Exception? error);
        return session is null ? throw error! : session.Subscribe(participant);
    }

    /// <summary>Stops accepting messages, finishes those already accepted, ends every session and completes every subscription.</summary>
    public ValueTask DisposeAsync()
    {
        lock (lifecycle)
        {
            if (stopped is null)
            {
                stopping = true;
                stoppingSource.Cancel();
                stopped = DrainAsync([.. sessions.Values]);
            }
        }

        return new ValueTask(stopped);
    }

    internal SessionContext? Find(SessionId id, out Exception? error)
    {
        if (stopping)
        {
            error = StoppedError();
            return null;
        }

        if (sessions.TryGetValue(id, out SessionContext? session))
        {
            error = null;
            return session;
        }

        error = SessionNotFoundException.NoSuchSession(id);
        return null;
    }

    /// <summary>The non-starter operation named <paramref name="operation"/> of session <paramref name="id"/>; null with the sender's error.</summary>
    private SessionOperation? FindOperation(SessionId id, string operation, out SessionContext? session, out Exception? error)
    {
        session = Find(id, out error);
        if (session is null)
        {
            return null;
        }

        SessionOperation? target = session.Definition.FindOperation(operation);
        if (target is null || target.StartsSession)
        {
            error = new UnknownOperationException(
                id, operation, $"Process '{session.Definition.ProtocolName}' of session '{id}' has no operation '{operation}'.");
            return null;
        }

        return target;
    }

    private static UnknownOperationException NotASessionMessage(SessionId id, object message) =>
        new(id, message.GetType().Name, $"'{message.GetType().FullName}' is not a session message: send a generated P.Messages.* record.");

    internal Exception EndedError(SessionId id) => stopping ? StoppedError() : SessionNotFoundException.EndedWhileQueued(id);

    /// <summary>
    /// Creates session <paramref name="id"/> with <paramref name="starter"/> as its first message; the caller
    /// then starts its first turn with <see cref="SessionContext.BeginTurn"/>.
    /// </summary>
    internal SessionContext? TryStart(
        SessionProcessDefinition definition, SessionId id, MailboxItem starter, IReadOnlyList<CorrelationKey> keys, out Exception? error)
    {
        SessionContext? session = null;
        bool started = false;
        try
        {
            session = new SessionContext(this, id, definition);
            session.Bind(definition.CreateBoundProcess(session));

            // The starter is queued before the session becomes visible, so it is always handled first, but
            // the turn is scheduled only once the session is registered: a refused session never runs.
            session.Prime(starter);
            started = TryRegister(session, definition, id, keys, out error);
        }
        finally
        {
            // Whatever refused the start (or threw: a process constructor that needs a missing service), the gate
            // it entered, or the sequential turn its caller waited for, is left.
            if (!started)
            {
                LeaveGate(session, definition);
            }
        }

        if (!started)
        {
            return null;
        }

        session.AnnounceStart();
        session.StartIdleWatch();
        return session;
    }

    private bool TryRegister(SessionContext session, SessionProcessDefinition definition, SessionId id, IReadOnlyList<CorrelationKey> keys, out Exception? error)
    {
        lock (lifecycle)
        {
            if (stopping)
            {
                error = StoppedError();
                return false;
            }

            if (definition.Settings.Execution != ExecutionMode.Concurrent && !GateOf(definition).TryEnter(session))
            {
                error = new SessionAlreadyExistsException(id, $"Process '{definition.ProtocolName}' runs a single session per host, and it is running.");
                return false;
            }

            if (!Correlations.TryAdd(session, keys))
            {
                error = new CorrelationConflictException(id, keys);
                return false;
            }

            if (!sessions.TryAdd(id, session))
            {
                Correlations.Remove(session, keys);
                error = new SessionAlreadyExistsException(id);
                return false;
            }

            session.RememberKeys(keys);
            error = null;
            return true;
        }
    }

    internal void Forget(SessionContext session, IEnumerable<CorrelationKey> keys)
    {
        sessions.TryRemove(new KeyValuePair<SessionId, SessionContext>(session.Id, session));
        Correlations.Remove(session, keys);
        LeaveGate(session, session.Definition);
    }

    internal Task WaitForSequentialTurnAsync(SessionProcessDefinition definition, CancellationToken cancellationToken) =>
        GateOf(definition).WaitForTurnAsync(cancellationToken);

    private ExecutionGate GateOf(SessionProcessDefinition definition) => gates.GetOrAdd(definition, static _ => new ExecutionGate());

    private void LeaveGate(SessionContext? session, SessionProcessDefinition definition)
    {
        if (definition.Settings.Execution != ExecutionMode.Concurrent)
        {
            GateOf(definition).Leave(session, releaseTurn: definition.Settings.Execution == ExecutionMode.Sequential);
        }
    }

    private async Task DrainAsync(SessionContext[] running)
    {
        var drains = new List<Task>(running.Length);
        foreach (SessionContext session in running)
        {
            var marker = new DrainMarker();
            if (session.TryPostDrainMarker(marker))
            {
                drains.Add(marker.Drained);
            }
        }

        Task drained = Task.WhenAll(drains);
        if (shutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            await Task.WhenAny(drained, Task.Delay(shutdownTimeout, TimeProvider)).ConfigureAwait(false);
        }

        if (!drained.IsCompleted)
        {
            foreach (SessionContext session in running)
            {
                session.EndForShutdown();
            }
        }

        await drained.ConfigureAwait(false);
        Timers.Dispose();
        DeadLetters.CompleteAll();
    }

    internal static ObjectDisposedException StoppedError() =>
        new(nameof(SessionHost), "The session host is stopping or stopped; it accepts no more messages.");
}
