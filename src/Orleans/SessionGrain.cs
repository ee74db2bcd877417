using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>
/// One activation per session (<c>"{process}/{sessionId}"</c>): forwards every message to its silo's
/// <see cref="SessionHost"/>. Reentrant, so a message the protocol holds does not block the ones that release it.
/// </summary>
[Reentrant]
[GrainType("sessiongen-session")]
internal sealed partial class SessionGrain : Grain, ISessionGrain, IRemindable
{
    // A session that is not durable lives only on this silo: its grain must not be collected while it runs.
    private static readonly TimeSpan KeepVolatileSessions = TimeSpan.FromDays(1);

    // A sender whose missing post was given up on is remembered this long, so that the post, turning up late, is
    // still refused rather than handled out of order: longer than Orleans' default 30 s response timeout, past which
    // a message is dropped on arrival rather than delivered.
    private static readonly TimeSpan RememberGaps = TimeSpan.FromMinutes(2);

    private readonly SiloSessions sessions;
    private readonly ILogger<SessionGrain> logger;
    private readonly Dictionary<Guid, PostOrder> senders = new();
    private string process = "";
    private SessionId id;
    private SessionProcessDefinition? definition;
    private bool remindsItself;
    private IGrainTimer? orderTimer;

    public SessionGrain(SiloSessions sessions, ILogger<SessionGrain> logger)
    {
        this.sessions = sessions;
        this.logger = logger;
    }

    public static string Key(string process, SessionId id) => $"{process}/{id.Value}";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string key = this.GetPrimaryKeyString();
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        process = slash < 0 ? key : key[..slash];
        id = new SessionId(slash < 0 ? "" : key[(slash + 1)..]);
        definition = sessions.Find(process);
        if (definition is { IsDurable: true })
        {
            // Loading at activation re-arms the stored timeouts (overdue ones fire at once), also when the activation
            // came from a silo's loss rather than from a message.
            try
            {
                await sessions.Host.LoadOfProcessAsync(process, id, cancellationToken).ConfigureAwait(true); // this process's session only
            }
            catch (Exception exception) when (exception is SessionStateException or OperationCanceledException)
            {
                LogLoadFailed(logger, exception, process, id.Value);
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        StopPumps();
        if (definition is not { IsDurable: true })
        {
            return;
        }

        try
        {
            await sessions.Host.UnloadAsync(id, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            // Each turn is stored as it ends: what was not unloaded in time is in the store anyway.
            LogUnloadFailed(logger, exception, process, id.Value);
        }
    }

    public Task<SessionReply> SendUncancellable(string operation, byte[] message, string? messageId, WireCaller? caller) =>
        Send(operation, message, messageId, caller, CancellationToken.None);

    public async Task<SessionReply> Send(string operation, byte[] message, string? messageId, WireCaller? caller, CancellationToken cancellationToken)
    {
        SessionOperation? entry = Entry(operation, out SessionFailure? failure);
        if (entry is null)
        {
            return SessionReply.Of(failure!);
        }

        try
        {
            object decoded = entry.DeserializeMessage(message, sessions.Json);
            // The turn of an idle session runs here, on this activation's thread (reentrant: it never waits for the
            // turn), rather than on the thread pool with a hop there and back; see OnThisThread.
            ValueTask<object?> sending = OnThisThread(
                () => ((ISessionHost)sessions.Host)
                    .SendAsync(id, decoded, caller?.ToCaller(), messageId is null ? null : new MessageId(messageId), cancellationToken));

            object? result = await sending.ConfigureAwait(true);
            await WakeUpLaterAsync().ConfigureAwait(true);
            return SessionReply.Of(WireJson.Result(entry, result, sessions.Json));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return SessionReply.Of(Failures.Encode(exception, id, operation));
        }
        finally
        {
            KeepVolatileSessionAlive();
        }
    }

    public Task Post(string operation, byte[] message, string? messageId, Guid sender, long sequence, long deliveredThrough, WireCaller? caller)
    {
        // Grain turns run one at a time, and this one does not await: no lock needed.
        if (!senders.TryGetValue(sender, out PostOrder? order))
        {
            senders[sender] = order = new PostOrder();
            WatchSenders();
        }

        order.LastHeard = sessions.Clock.GetTimestamp();

        if (deliveredThrough >= order.Next)
        {
            // The sender's posts through deliveredThrough were all taken by a grain: by an earlier activation, since
            // this one has not seen them all. Those it buffered were never handed on: they go now, in order.
            SkipTo(order, deliveredThrough + 1);
        }

        if (sequence < order.Next)
        {
            KeepVolatileSessionAlive();
            return Task.CompletedTask; // delivered already, or given up on
        }

        if (sequence > order.Next)
        {
            order.Early[sequence] = (operation, message, messageId, caller);
            if (order.Early.Count > sessions.PostReorderCapacity)
            {
                // Too many waiting behind one missing post: give it up rather than grow.
                GiveUpGap(order);
            }
            else
            {
                WatchGap(order);
            }

            return Task.CompletedTask;
        }

        Deliver(operation, message, messageId, caller);
        order.Next++;
        Drain(order);
        KeepVolatileSessionAlive();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WakeUpReminder || definition is not { IsDurable: true })
        {
            return;
        }

        // Activation loaded the session (and fired its overdue timeouts); one that has ended needs no more wake-ups.
        if (!await sessions.Host.LoadOfProcessAsync(process, id, CancellationToken.None).ConfigureAwait(true))
        {
            await StopWakingUpAsync().ConfigureAwait(true);
        }
        else
        {
            remindsItself = true;
        }
    }

    public Task<int> PostSenders() => Task.FromResult(senders.Count);

    public Task<string> WhereAmI() => Task.FromResult(GrainContext.Address.SiloAddress?.ToString() ?? "");

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    /// <summary>Hands on the buffered posts numbered below <paramref name="next"/> (in order), then those that follow on.</summary>
    private void SkipTo(PostOrder order, long next)
    {
        while (order.Early.Count > 0 && order.Early.Keys.First() is var first && first < next)
        {
            order.Early.Remove(first, out (string Operation, byte[] Message, string? MessageId, WireCaller? Caller) early);
            Deliver(early.Operation, early.Message, early.MessageId, early.Caller);
        }

        order.Next = Math.Max(order.Next, next);
        Drain(order);
    }

    private void Drain(PostOrder order)
    {
        bool moved = false;
        while (order.Early.Remove(order.Next, out (string Operation, byte[] Message, string? MessageId, WireCaller? Caller) early))
        {
            Deliver(early.Operation, early.Message, early.MessageId, early.Caller);
            order.Next++;
            moved = true;
        }

        if (order.Early.Count == 0)
        {
            order.GapSince = null;
        }
        else if (moved || order.GapSince is null)
        {
            order.GapSince = sessions.Clock.GetTimestamp(); // a new gap: its wait starts now
            WatchGap(order);
        }
    }

    /// <summary>The posts after a missing one go on without it.</summary>
    private void GiveUpGap(PostOrder order)
    {
        long missing = order.Next;
        long next = order.Early.Keys.First();
        order.GaveUp = true;
        sessions.CountSkippedGap();
        LogPostsMissing(logger, process, id.Value, missing, next - 1);
        SkipTo(order, next);
    }

    /// <summary>Makes sure a timer looks at this sender's gap within <see cref="SiloSessions.PostGapTimeout"/>.</summary>
    private void WatchGap(PostOrder order)
    {
        order.GapSince ??= sessions.Clock.GetTimestamp();
        WatchSenders();
    }

    /// <summary>Makes sure a timer looks at the senders' gaps and silences while any sender is known.</summary>
    private void WatchSenders()
    {
        if (orderTimer is null)
        {
            TimeSpan tick = sessions.PostGapTimeout / 4;
            orderTimer = this.RegisterGrainTimer(CheckSendersAsync, tick, tick);
        }
    }

    /// <summary>
    /// Gives up the gaps waited on for <see cref="SiloSessions.PostGapTimeout"/>, and forgets the senders silent that
    /// long with nothing buffered (a session posted to by many short-lived senders would otherwise keep them all); a
    /// sender with a post given up on, only after <see cref="RememberGaps"/>. A forgotten sender that posts again
    /// starts after its <c>deliveredThrough</c>, as with a new activation.
    /// </summary>
    private Task CheckSendersAsync()
    {
        List<Guid>? silent = null;
        foreach ((Guid sender, PostOrder order) in senders)
        {
            if (order.GapSince is { } since && sessions.Clock.GetElapsedTime(since) >= sessions.PostGapTimeout)
            {
                GiveUpGap(order);
            }

            if (order.Early.Count == 0 && sessions.Clock.GetElapsedTime(order.LastHeard) >= (order.GaveUp ? RememberGaps : sessions.PostGapTimeout))
            {
                (silent ??= []).Add(sender);
            }
        }

        foreach (Guid sender in silent ?? [])
        {
            senders.Remove(sender);
        }

        if (senders.Count == 0)
        {
            orderTimer?.Dispose();
            orderTimer = null;
        }

        KeepVolatileSessionAlive();
        return Task.CompletedTask;
    }

    private void Deliver(string operation, byte[] message, string? messageId, WireCaller? caller)
    {
        SessionOperation? entry = Entry(operation, out SessionFailure? failure);
        if (entry is null)
        {
            LogPostRefused(logger, process, id.Value, operation, failure!.Message);
            return;
        }

        object decoded;
        try
        {
            decoded = entry.DeserializeMessage(message, sessions.Json);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPostRefused(logger, process, id.Value, operation, exception.Message);
            return;
        }

        bool accepted;
        try
        {
            accepted = OnThisThread(
                () => ((ISessionHost)sessions.Host).Post(id, decoded, caller?.ToCaller(), messageId is null ? null : new MessageId(messageId)));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPostRefused(logger, process, id.Value, operation, exception.Message);
            accepted = false;
        }

        if (!accepted)
        {
            // The sender was told true when Orleans took the post: the refusal is filed here, where the session runs.
            sessions.Host.FileDeadLetter(new DeadLetter(id, operation, decoded, DeadLetterReason.Refused));
        }
    }

    /// <summary>
    /// Runs <paramref name="start"/> (a send or post, which may run an idle session's turn inline) on this thread, the
    /// activation's, but with the default scheduler current, as the thread pool's: the handler's awaits resume on the
    /// thread pool, not queued to this activation. A handler that waits synchronously on code that awaits without
    /// ConfigureAwait(false) would otherwise block the activation's only thread while its continuation waits for it.
    /// </summary>
    private static T OnThisThread<T>(Func<T> start)
    {
        var task = new Task<T>(start);
        task.RunSynchronously(TaskScheduler.Default);
        return task.GetAwaiter().GetResult();
    }

    private SessionOperation? Entry(string operation, out SessionFailure? failure)
    {
        if (definition is null)
        {
            failure = Failures.UnknownProcess(process, id, operation);
            return null;
        }

        SessionOperation? entry = definition.FindOperation(operation);
        failure = entry is null ? Failures.UnknownOperation(process, id, operation) : null;
        return entry;
    }

    private const string WakeUpReminder = "sessiongen-wake-up";

    /// <summary>A running durable session keeps a reminder, so that it is activated again after its silo is lost.</summary>
    private async Task WakeUpLaterAsync()
    {
        if (sessions.WakeUpPeriod is not { } period || definition is not { IsDurable: true })
        {
            return;
        }

        try
        {
            bool running = sessions.Host.Contains(id);
            if (running && !remindsItself)
            {
                remindsItself = true;
                await this.RegisterOrUpdateReminder(WakeUpReminder, period, period).ConfigureAwait(true);
            }
            else if (!running && remindsItself)
            {
                await StopWakingUpAsync().ConfigureAwait(true);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The message was handled and stored: the caller gets its answer; only the early wake-up is missing.
            remindsItself = false;
            LogReminderFailed(logger, exception, process, id.Value);
        }
    }

    private async Task StopWakingUpAsync()
    {
        remindsItself = false;
        if (await this.GetReminder(WakeUpReminder).ConfigureAwait(true) is { } reminder)
        {
            await this.UnregisterReminder(reminder).ConfigureAwait(true);
        }
    }

    private void KeepVolatileSessionAlive()
    {
        if (definition is { IsDurable: false } && sessions.Host.Contains(id))
        {
            DelayDeactivation(KeepVolatileSessions);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Session {Process}/{SessionId} could not be loaded as its grain activated")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string process, string sessionId);

    [LoggerMessage(2, LogLevel.Warning, "Session {Process}/{SessionId} was not unloaded as its grain deactivated")]
    private static partial void LogUnloadFailed(ILogger logger, Exception exception, string process, string sessionId);

    [LoggerMessage(3, LogLevel.Warning, "A post of {Operation} to session {Process}/{SessionId} was refused: {Reason}")]
    private static partial void LogPostRefused(ILogger logger, string process, string sessionId, string operation, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Session {Process}/{SessionId}: posts {First} to {Last} of a sender did not arrive in time and were given up on")]
    private static partial void LogPostsMissing(ILogger logger, string process, string sessionId, long first, long last);

    [LoggerMessage(4, LogLevel.Warning, "Session {Process}/{SessionId} could not (un)register its wake-up reminder")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string process, string sessionId);

    /// <summary>One sender's posts to this session: the next number due, and those that came early.</summary>
    private sealed class PostOrder
    {
        public long Next { get; set; } = 1;

        /// <summary>When this sender's last post arrived.</summary>
        public long LastHeard { get; set; }

        /// <summary>A missing post of this sender was given up on: it may still turn up, and must be refused then.</summary>
        public bool GaveUp { get; set; }

        /// <summary>When the post numbered <see cref="Next"/> started being waited for, with later ones buffered.</summary>
        public long? GapSince { get; set; }

        public SortedDictionary<long, (string Operation, byte[] Message, string? MessageId, WireCaller? Caller)> Early { get; } = new();
    }
}
