using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Runs sessions in memory: each one message at a time, different sessions in parallel on the thread pool.
/// Dispose it to stop: it stops accepting messages, finishes the ones already accepted, then completes every
/// subscription.
/// </summary>
/// <remarks>
/// The host composes its parts: a <see cref="SessionRegistry"/> (who runs, under which ids and keys), a router for
/// untyped sends (<c>SessionHost.Sending.cs</c>, <see cref="MessageRouter"/>), one <see cref="TimerWheel"/>, the dead
/// letter office, and its own lifecycle (starting sessions, stopping).
/// </remarks>
public sealed partial class SessionHost : ISessionHost, IAsyncDisposable
{
    private readonly SessionRegistry registry = new();
    private readonly object lifecycle = new();
    private readonly CancellationTokenSource stoppingSource = new();
    private readonly TimeSpan shutdownTimeout;
    private Task? stopped;

    // Turns still holding a session that the shutdown deadline ended (not a handler time limit: see HandlerTimeLimitExceeded): they may
    // still file dead letters, so the dead-letter subscriptions complete only once none is left (see DrainAsync).
    private int outlivingTurns;
    private TaskCompletionSource? outlivingTurnsGone;

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
        ApplyDurabilityOptions(options);
    }

    /// <summary>The clock behind this host's timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How many sessions are running.</summary>
    public int SessionCount => registry.Count;

    /// <summary>How many timeouts are scheduled and not yet due.</summary>
    public int PendingTimeoutCount => Timers.PendingCount;

    /// <summary>Dead letters filed so far: accepted messages that were never handled.</summary>
    public long DeadLetterCount => DeadLetters.Count;

    /// <summary>Cancelled when the host begins to stop; handlers that take a <see cref="CancellationToken"/> see it.</summary>
    public CancellationToken StoppingToken => stoppingSource.Token;

    internal TimerWheel Timers { get; }

    internal DeadLetterOffice DeadLetters { get; } = new();

    internal CorrelationIndex Correlations => registry.Correlations;

    internal TimeSpan DeduplicationWindow { get; }

    internal bool IsStopping => registry.IsStopping;

    /// <summary>How many messages wait in session <paramref name="id"/>'s queue (0 when it does not exist).</summary>
    public int GetQueueLength(SessionId id) => registry.TryGet(id, out SessionContext? session) ? session!.QueueLength : 0;

    /// <summary>True while session <paramref name="id"/> is running on this host.</summary>
    public bool Contains(SessionId id) => registry.Contains(id);

    /// <summary>
    /// True while session <paramref name="id"/> of <paramref name="process"/> is running on this host: a session of
    /// another process under the same id does not count (SessionGen.Orleans' grain of <c>"{process}/{id}"</c>).
    /// </summary>
    internal bool Contains(string process, SessionId id) =>
        registry.TryGet(id, out SessionContext? session) && session!.Definition.ProtocolName == process;

    /// <summary>
    /// Files <paramref name="deadLetter"/> with this host's dead letters: for a transport that took a message from its
    /// sender (and told it so) and then could not deliver it here, so the message is not lost silently.
    /// </summary>
    public void FileDeadLetter(DeadLetter deadLetter)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        DeadLetters.Post(deadLetter);
    }

    /// <summary>
    /// Opens a subscription to the host's dead letters (accepted messages that were never handled), from this
    /// moment on. It buffers up to <paramref name="capacity"/> and counts what it drops beyond that. It completes when
    /// the host has stopped and no turn can file a letter any more: at the end of <see cref="DisposeAsync"/>, or later,
    /// once the last handler that outlived the shutdown deadline has returned (see <see cref="SessionHostOptions.ShutdownTimeout"/>).
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
        SessionContext[] running;
        lock (lifecycle)
        {
            if (stopped is not null || !registry.TryBeginStopping(out running))
            {
                return new ValueTask(stopped!);
            }

            stopped = DrainAsync(running);
        }

        // Cancelling runs handlers' token callbacks (user code): never under the lock, and a callback that throws
        // is that handler's affair (it sees the cancellation through its token), not a reason to stop stopping.
        try
        {
            stoppingSource.Cancel();
        }
        catch (AggregateException)
        {
        }

        return new ValueTask(stopped);
    }

    internal SessionContext? Find(SessionId id, out Exception? error)
    {
        if (registry.IsStopping)
        {
            error = StoppedError();
            return null;
        }

        if (registry.TryGet(id, out SessionContext? session) && !IsLoading(id))
        {
            error = null;
            return session;
        }

        error = SessionNotFoundException.NoSuchSession(id);
        return null;
    }

    internal Exception EndedError(SessionId id) => registry.IsStopping ? StoppedError() : SessionNotFoundException.EndedWhileQueued(id);

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
            if (definition.IsDurable)
            {
                SessionDurability? durability = NewDurability(definition, id, out error);
                if (durability is null)
                {
                    return null;
                }

                session.MakeDurable(durability);
            }

            session.Bind(definition.CreateBoundProcess(session));

            // The starter is queued before the session becomes visible, so it is always handled first, but
            // the turn is scheduled only once the session is registered: a refused session never runs.
            session.Prime(starter);
            started = registry.TryRegister(session, id, keys, out error);
        }
        finally
        {
            // Whatever refused the start (or threw: a process constructor that needs a missing service), the gate
            // it entered, or the sequential turn its caller waited for, is left.
            if (!started)
            {
                registry.LeaveGate(session, definition);
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

    internal void Forget(SessionContext session, IEnumerable<CorrelationKey> keys) => registry.Forget(session, keys);

    internal Task WaitForSequentialTurnAsync(SessionProcessDefinition definition, CancellationToken cancellationToken) =>
        registry.WaitForSequentialTurnAsync(definition, cancellationToken);

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

        // Sessions that were already ending when the drain began took no marker: the drain waits for them too, until
        // every session has left the registry, which an ending session does only once it has answered what it held.
        Task drained = Task.WhenAll(drains.Append(registry.AllGone));
        if (shutdownTimeout != Timeout.InfiniteTimeSpan)
        {
            await WithinAsync(drained, shutdownTimeout).ConfigureAwait(false);
            if (!drained.IsCompleted)
            {
                foreach (SessionContext session in running)
                {
                    session.EndForShutdown();
                }
            }
        }

        await drained.ConfigureAwait(false);
        Timers.Dispose();

        // Last: every session has filed the dead letters of what it held. A turn that outlived its session's end (past
        // the shutdown deadline: a handler still running, a batch it had taken) may still file some; DisposeAsync does
        // not wait for it (the deadline bounds it), but the subscriptions complete only once it has left, so no
        // subscriber misses a letter. A handler that never returns keeps them open; a subscriber can dispose its own.
        Task outliving = WhenOutlivingTurnsGone();
        if (outliving.IsCompleted)
        {
            DeadLetters.CompleteAll();
        }
        else
        {
            _ = outliving.ContinueWith(
                static (_, office) => ((DeadLetterOffice)office!).CompleteAll(), DeadLetters, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Another thread ended a session while a turn held it: counted until that turn leaves (under the session's mailbox
    /// gate). Also counts a durable session's pending requeue (<see cref="KeepForReload"/> until <see cref="RequeueAsync"/>
    /// has run), which may file dead letters after the host has stopped.
    /// </summary>
    internal void CountOutlivingTurn() => Interlocked.Increment(ref outlivingTurns);

    /// <summary>A turn counted by <see cref="CountOutlivingTurn"/> has left its ended session: it files no more dead letters.</summary>
    internal void OutlivingTurnLeft()
    {
        if (Interlocked.Decrement(ref outlivingTurns) == 0)
        {
            Volatile.Read(ref outlivingTurnsGone)?.TrySetResult();
        }
    }

    /// <summary>
    /// Completes once no counted turn is left; asked once every session has left the registry, so no turn is counted
    /// any more (each end counts before its session leaves), and the count only goes down.
    /// </summary>
    private Task WhenOutlivingTurnsGone()
    {
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A full fence between publishing the signal and reading the count (the last leaver decrements, then reads the signal).
        Interlocked.Exchange(ref outlivingTurnsGone, gone);
        if (Volatile.Read(ref outlivingTurns) == 0)
        {
            gone.TrySetResult();
        }

        return gone.Task;
    }

    /// <summary>How many turns still hold a session another thread ended; for tests.</summary>
    internal int OutlivingTurnCount => Volatile.Read(ref outlivingTurns);

    /// <summary>
    /// Waits for <paramref name="task"/> at most <paramref name="timeout"/> on the host's clock, in steps a timer can take
    /// (about 49 days each), so any finite timeout is valid.
    /// </summary>
    private async Task WithinAsync(Task task, TimeSpan timeout)
    {
        TimeSpan longestStep = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        for (TimeSpan left = timeout; left > TimeSpan.Zero && !task.IsCompleted; left -= longestStep)
        {
            await Task.WhenAny(task, Task.Delay(left < longestStep ? left : longestStep, TimeProvider)).ConfigureAwait(false);
        }
    }

    internal static ObjectDisposedException StoppedError() =>
        new(nameof(SessionHost), "The session host is stopping or stopped; it accepts no more messages.");
}
