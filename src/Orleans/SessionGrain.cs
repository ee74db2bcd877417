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

    // How often a running volatile session asks again for KeepVolatileSessions (Orleans' clock: Environment.TickCount64).
    private static readonly TimeSpan KeepAliveRefresh = TimeSpan.FromHours(1);

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
    private HostCall onThisThread;
    private long? keptAliveAt;

    public SessionGrain(SiloSessions sessions, ILogger<SessionGrain> logger)
    {
        this.sessions = sessions;
        this.logger = logger;
    }

    /// <summary>
    /// The grain key of session <paramref name="id"/> of <paramref name="process"/>: <c>"{process}/{id}"</c>, split at
    /// its first '/'. A session id may hold '/', a protocol name too: in a name that holds '/' (or the escapes
    /// <c>%2F</c>, <c>%25</c> themselves) '/' is written <c>%2F</c> and '%' <c>%25</c>, so that process <c>"a/b"</c>'s
    /// session <c>"c"</c> is never process <c>"a"</c>'s session <c>"b/c"</c>. Every other name's key is the one it always
    /// had, '%' included (<c>"Rate%"</c>): a stored reminder registered under it activates the grain its messages reach.
    /// </summary>
    public static string Key(string process, SessionId id) =>
        !process.Contains('/', StringComparison.Ordinal) && !IsEscaped(process)
            ? $"{process}/{id.Value}"
            : $"{process.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)}/{id.Value}";

    /// <summary>The process and the session id of a <see cref="Key"/>.</summary>
    internal static (string Process, string Id) Parse(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        string process = slash < 0 ? key : key[..slash];
        if (IsEscaped(process))
        {
            process = process.Replace("%2F", "/", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
        }

        return (process, slash < 0 ? "" : key[(slash + 1)..]);
    }

    // An escaped name holds one of these (a '/' or '%' was in it), a name left as it is holds neither (see Key).
    private static bool IsEscaped(string process) =>
        process.Contains("%2F", StringComparison.Ordinal) || process.Contains("%25", StringComparison.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (process, string key) = Parse(this.GetPrimaryKeyString());
        id = new SessionId(key);
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
            await sessions.Host.UnloadOfProcessAsync(process, id, cancellationToken).ConfigureAwait(true); // this process's session only
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            // Each turn is stored as it ends: what was not unloaded in time is in the store anyway.
            LogUnloadFailed(logger, exception, process, id.Value);
        }
    }

    public ValueTask<SessionReply> SendUncancellable(string operation, SessionPayload message, string? messageId, WireCaller? caller) =>
        Send(operation, message, messageId, caller, CancellationToken.None);

    /// <remarks>
    /// When the session's turn ran inline and finished (the common case: an idle session, a handler that does not
    /// wait), the answer is made here with no async state machine or task; otherwise <see cref="SendRestAsync"/> awaits it.
    /// </remarks>
    public ValueTask<SessionReply> Send(string operation, SessionPayload message, string? messageId, WireCaller? caller, CancellationToken cancellationToken)
    {
        CallTimeline.Mark(2);
        SessionOperation? entry = Entry(operation, out SessionFailure? failure);
        if (entry is null)
        {
            return new ValueTask<SessionReply>(SessionReply.Of(failure!));
        }

        ValueTask<object?> sending;
        try
        {
            object decoded = message.ReadMessage(entry, sessions.Json);
            CallTimeline.Mark(3);
            // The turn of an idle session runs here, on this activation's thread (reentrant: it never waits for the
            // turn), rather than on the thread pool with a hop there and back; see SendOnThisThread.
            sending = SendOnThisThread(decoded, caller, messageId, cancellationToken);
            CallTimeline.Mark(17);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            KeepVolatileSessionAlive();
            return new ValueTask<SessionReply>(SessionReply.Of(Failures.Encode(exception, id, operation)));
        }

        if (!sending.IsCompletedSuccessfully)
        {
            return new ValueTask<SessionReply>(SendRestAsync(entry, operation, message.IsLive, sending));
        }

        Task wakeUp;
        SessionReply reply;
        try
        {
            object? result = sending.Result;
            wakeUp = WakeUpLaterAsync(); // completed at once unless a reminder is (un)registered
            if (!wakeUp.IsCompletedSuccessfully)
            {
                return new ValueTask<SessionReply>(WakeUpThenReplyAsync(entry, operation, message.IsLive, result, wakeUp));
            }

            CallTimeline.Mark(18);
            reply = ReplyFor(entry, message.IsLive, result);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            reply = SessionReply.Of(Failures.Encode(exception, id, operation));
        }
        finally
        {
            KeepVolatileSessionAlive();
        }

        CallTimeline.Mark(6);
        return new ValueTask<SessionReply>(reply);
    }

    /// <summary>
    /// A reply's result. A caller whose message came as the object itself is on this silo (Orleans serialized nothing),
    /// and gets the result object itself. For any other the JSON is written here, on the activation, as the session
    /// answers: written by Orleans' connection as it sends the reply, it would be written after the turn (a session
    /// changing the object it returned could reach the caller half changed) and on the connection's one sending loop,
    /// which every other message between the two silos waits behind.
    /// </summary>
    /// <remarks>A result that cannot be written is the session's failure with the writer's exception type (<see cref="Failures.Unwritable"/>).</remarks>
    private SessionReply ReplyFor(SessionOperation entry, bool callerOnThisSilo, object? result)
    {
        if (callerOnThisSilo)
        {
            return SessionReply.Of(SessionPayload.Result(entry, result, sessions.Json, id));
        }

        byte[] json;
        try
        {
            json = WireJson.Result(entry, result, sessions.Json);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return SessionReply.Of(Failures.Unwritable(exception, id, entry.Name));
        }

        return SessionReply.Of(SessionPayload.FromJson(json));
    }

    private async Task<SessionReply> SendRestAsync(SessionOperation entry, string operation, bool callerOnThisSilo, ValueTask<object?> sending)
    {
        try
        {
            object? result = await sending.ConfigureAwait(true);
            await WakeUpLaterAsync().ConfigureAwait(true);
            return ReplyFor(entry, callerOnThisSilo, result);
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

    private async Task<SessionReply> WakeUpThenReplyAsync(SessionOperation entry, string operation, bool callerOnThisSilo, object? result, Task wakeUp)
    {
        try
        {
            await wakeUp.ConfigureAwait(true);
            return ReplyFor(entry, callerOnThisSilo, result);
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

    public ValueTask Post(string operation, SessionPayload message, string? messageId, Guid sender, long sequence, long deliveredThrough, WireCaller? caller)
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
            if (order.WasGivenUp(sequence))
            {
                // Its sender was told true, and the posts behind it went on without it: filed, not lost silently.
                RefuseLate(operation, message);
            }

            KeepVolatileSessionAlive();
            return default; // delivered already, or given up on
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

            return default;
        }

        Deliver(operation, message, messageId, caller);
        order.Next++;
        Drain(order);
        KeepVolatileSessionAlive();
        return default;
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
            order.Early.Remove(first, out (string Operation, SessionPayload Message, string? MessageId, WireCaller? Caller) early);
            Deliver(early.Operation, early.Message, early.MessageId, early.Caller);
        }

        order.Next = Math.Max(order.Next, next);
        Drain(order);
    }

    private void Drain(PostOrder order)
    {
        bool moved = false;
        while (order.Early.Remove(order.Next, out (string Operation, SessionPayload Message, string? MessageId, WireCaller? Caller) early))
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
        order.GiveUp(missing, next - 1);
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

    /// <summary>A post that arrived after its gap was given up on: not handled (out of order), filed as a dead letter.</summary>
    private void RefuseLate(string operation, SessionPayload message)
    {
        const string Reason = "it arrived after the sender's later posts were handed on without it";
        LogPostRefused(logger, process, id.Value, operation, Reason);
        if (Entry(operation, out _) is not { } entry)
        {
            return;
        }

        try
        {
            sessions.Host.FileDeadLetter(new DeadLetter(id, operation, message.ReadMessage(entry, sessions.Json), DeadLetterReason.Refused));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPostRefused(logger, process, id.Value, operation, exception.Message);
        }
    }

    private void Deliver(string operation, SessionPayload message, string? messageId, WireCaller? caller)
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
            decoded = message.ReadMessage(entry, sessions.Json);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogPostRefused(logger, process, id.Value, operation, exception.Message);
            return;
        }

        bool accepted;
        try
        {
            accepted = PostOnThisThread(decoded, caller, messageId);
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
    /// Runs the host's send or post (which may run an idle session's turn inline) on this thread, the activation's, but
    /// with the default scheduler current, as the thread pool's: the handler's awaits resume on the thread pool, not
    /// queued to this activation. A handler that waits synchronously on code that awaits without
    /// ConfigureAwait(false) would otherwise block the activation's only thread while its continuation waits for it.
    /// </summary>
    /// <remarks>
    /// The scheduler current is that of the task running, so it takes a task run synchronously on the default
    /// scheduler. Its delegate is static and takes this grain as its state: the call's arguments wait in
    /// <see cref="onThisThread"/>, read back at once by the delegate (it runs before <see cref="Task.RunSynchronously(TaskScheduler)"/>
    /// returns, on this thread), so a message costs that task and no closure or delegate.
    /// </remarks>
    private ValueTask<object?> SendOnThisThread(object decoded, WireCaller? caller, string? messageId, CancellationToken cancellationToken)
    {
        onThisThread = new HostCall(decoded, caller, messageId, cancellationToken);
        return RunOnThisThread(SendNow);
    }

    private bool PostOnThisThread(object decoded, WireCaller? caller, string? messageId)
    {
        onThisThread = new HostCall(decoded, caller, messageId, CancellationToken.None);
        return RunOnThisThread(PostNow);
    }

    private T RunOnThisThread<T>(Func<object?, T> start)
    {
        var task = new Task<T>(start, this);
        task.RunSynchronously(TaskScheduler.Default);
        return task.GetAwaiter().GetResult();
    }

    private static readonly Func<object?, ValueTask<object?>> SendNow = static state =>
    {
        CallTimeline.Mark(12);
        var grain = (SessionGrain)state!;
        HostCall call = grain.TakeHostCall();
        return ((ISessionHost)grain.sessions.Host).SendAsync(grain.id, call.Message, call.Caller?.ToCaller(), call.MessageId is null ? null : new MessageId(call.MessageId), call.CancellationToken);
    };

    private static readonly Func<object?, bool> PostNow = static state =>
    {
        var grain = (SessionGrain)state!;
        HostCall call = grain.TakeHostCall();
        return ((ISessionHost)grain.sessions.Host).Post(grain.id, call.Message, call.Caller?.ToCaller(), call.MessageId is null ? null : new MessageId(call.MessageId));
    };

    private HostCall TakeHostCall()
    {
        HostCall call = onThisThread;
        onThisThread = default;
        return call;
    }

    /// <summary>The arguments of the host call <see cref="RunOnThisThread"/> is about to make.</summary>
    private readonly record struct HostCall(object Message, WireCaller? Caller, string? MessageId, CancellationToken CancellationToken);

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
            bool running = sessions.Host.Contains(process, id);
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

    /// <remarks>
    /// Asked once per <see cref="KeepAliveRefresh"/> at most, not per message: each asking costs a lookup in the host
    /// and Orleans' deactivation bookkeeping, and a day's delay asked for an hour ago still holds for 23 hours.
    /// </remarks>
    private void KeepVolatileSessionAlive()
    {
        if (definition is not { IsDurable: false })
        {
            return;
        }

        long now = Environment.TickCount64;
        if (keptAliveAt is { } at && now - at < (long)KeepAliveRefresh.TotalMilliseconds)
        {
            return;
        }

        if (sessions.Host.Contains(process, id))
        {
            DelayDeactivation(KeepVolatileSessions);
            keptAliveAt = now;
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

        // How many given-up ranges are kept to recognise a late post by (the latest ones).
        private const int GivenUpRanges = 16;

        private List<(long First, long Last)>? givenUp;

        /// <summary>A missing post of this sender was given up on: it may still turn up, and must be refused then.</summary>
        public bool GaveUp => givenUp is not null;

        /// <summary>Posts <paramref name="first"/> to <paramref name="last"/> were given up on.</summary>
        public void GiveUp(long first, long last)
        {
            givenUp ??= [];
            if (givenUp.Count == GivenUpRanges)
            {
                givenUp.RemoveAt(0);
            }

            givenUp.Add((first, last));
        }

        /// <summary>True when post <paramref name="sequence"/> was given up on (not delivered: it turns up late).</summary>
        public bool WasGivenUp(long sequence) => givenUp?.Exists(range => range.First <= sequence && sequence <= range.Last) == true;

        /// <summary>When the post numbered <see cref="Next"/> started being waited for, with later ones buffered.</summary>
        public long? GapSince { get; set; }

        public SortedDictionary<long, (string Operation, SessionPayload Message, string? MessageId, WireCaller? Caller)> Early { get; } = new();
    }
}
