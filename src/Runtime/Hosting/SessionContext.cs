using System.ComponentModel;

namespace SessionGen;

/// <summary>
/// A running session as its process sees it: the id, the event stream, timeouts and the end.
/// Generated code binds one to each process instance; user code calls the generated members
/// (<c>Emit</c>, <c>EndSession</c>, <c>After</c>, …) instead of this type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed partial class SessionContext : IThreadPoolWorkItem
{
    // Bounds one turn so a busy session hands its thread back and cannot starve the others.
    private const int TurnBatchSize = 64;

    private readonly Mailbox mailbox;
    private readonly SubscriberList subscribers = new();
    private object? process;
    private bool endRequested;
    private SessionFaultedException? fault;
    private int ended;
    private MailboxItem? awaitedItem;
    private ValueTask awaitedRun;
    private Action? resumeTurn;
    private long lastMessageTimestamp;
    private MessageIdCache? messageIds;
    private readonly SessionProtocol? protocol;
    private int state;
    private ulong allowedTargets;
    private string runningName = "";
    private Func<MailboxItem, bool>? refuseHeld;
    private long oldestHeld;
    private bool heldWakeUpScheduled;
    private readonly List<CorrelationKey> keys = [];

    internal SessionContext(SessionHost host, SessionId id, SessionProcessDefinition definition)
    {
        Host = host;
        Id = id;
        Definition = definition;
        mailbox = new Mailbox(definition.Settings.MailboxCapacity);
        protocol = definition.Protocol;
    }

    /// <summary>The index of the session's protocol state (0, the initial state, without a protocol).</summary>
    public int State => state;

    /// <summary>The session's id.</summary>
    public SessionId Id { get; }

    /// <summary>The host running the session.</summary>
    public SessionHost Host { get; }

    /// <summary>The process this session runs.</summary>
    public SessionProcessDefinition Definition { get; }

    internal object Process => process!;

    internal bool IsEnded => Volatile.Read(ref ended) != 0;

    internal int QueueLength => mailbox.Count;

    /// <summary>Publishes <paramref name="event"/> to every subscriber of this session, in order.</summary>
    public void Emit(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        subscribers.Publish(Id, @event, participant: null);
    }

    /// <summary>Publishes <paramref name="event"/> only to the subscriptions opened for <paramref name="participant"/>.</summary>
    public void EmitTo(string participant, object @event)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(@event);
        subscribers.Publish(Id, @event, participant);
    }

    /// <summary>Ends the session once the current handler has finished.</summary>
    public void EndSession() => endRequested = true;

    /// <summary>Runs <paramref name="callback"/> on this session's turn once <paramref name="delay"/> has passed.</summary>
    public TimeoutHandle After(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Host.Timers.Schedule(this, delay, callback);
    }

    /// <summary>Runs the asynchronous <paramref name="callback"/> on this session's turn once <paramref name="delay"/> has passed.</summary>
    public TimeoutHandle After(TimeSpan delay, Func<ValueTask> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Host.Timers.Schedule(this, delay, callback);
    }

    /// <summary>
    /// Moves the session to protocol state <paramref name="newState"/>; the running handler must declare it
    /// with <see cref="MovesToAttribute"/>. A final state ends the session after the handler.
    /// </summary>
    /// <exception cref="InvalidOperationException">The running handler declares no such transition.</exception>
    public void MoveTo(int newState)
    {
        if (protocol is null || newState < 0 || newState >= protocol.States.Count || (allowedTargets & SessionProtocol.Bit(newState)) == 0)
        {
            string target = protocol is not null && newState >= 0 && newState < protocol.States.Count ? protocol.States[newState] : newState.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw new InvalidOperationException($"'{runningName}' cannot move session '{Id}' to state '{target}': declare it with [MovesTo].");
        }

        state = newState;
    }

    /// <summary>Makes this session the one that correlation set <paramref name="set"/> with <paramref name="value"/> identifies.</summary>
    /// <exception cref="CorrelationConflictException">Another session already holds that key.</exception>
    public void Correlate(string set, string value)
    {
        CorrelationKey[] key = [new CorrelationKey(set, value)];
        if (!Host.Correlations.TryAdd(this, key))
        {
            throw new CorrelationConflictException(Id, key);
        }

        RememberKeys(key);
    }

    /// <summary>Correlates this session with a fresh, random value of set <paramref name="set"/> (Jolie's <c>csets.x = new</c>) and returns it.</summary>
    public string CorrelateNew(string set)
    {
        string value = SessionId.New().Value;
        Correlate(set, value);
        return value;
    }

    /// <summary>Runs <paramref name="callback"/> as the named timeout <paramref name="spec"/> once <paramref name="delay"/> has passed.</summary>
    public TimeoutHandle Schedule(TimeSpan delay, Action callback, TimeoutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Host.Timers.Schedule(this, delay, callback, spec);
    }

    /// <summary>Runs the asynchronous <paramref name="callback"/> as the named timeout <paramref name="spec"/> once <paramref name="delay"/> has passed.</summary>
    public TimeoutHandle Schedule(TimeSpan delay, Func<ValueTask> callback, TimeoutSpec spec)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Host.Timers.Schedule(this, delay, callback, spec);
    }

    /// <summary>
    /// Runs the named timeout <paramref name="call"/> (the generated <c>Schedule{Name}</c>: the handler's arguments
    /// inline, no closure) once <paramref name="delay"/> has passed.
    /// </summary>
    /// <typeparam name="TProcess">The session's process type.</typeparam>
    /// <typeparam name="TCall">The generated call of the timeout's handler.</typeparam>
    public TimeoutHandle Schedule<TProcess, TCall>(TimeSpan delay, TCall call)
        where TProcess : class
        where TCall : struct, ITimeoutCall<TProcess> =>
        Host.Timers.Schedule<TProcess, TCall>(this, delay, call);

    internal void RememberKeys(IReadOnlyList<CorrelationKey> newKeys)
    {
        lock (keys)
        {
            keys.AddRange(newKeys);
        }
    }

    internal void Bind(object processInstance) => process = processInstance;

    internal SessionSubscription Subscribe(string? participant)
    {
        var subscription = new SessionSubscription(this, participant);
        if (!subscribers.Add(subscription))
        {
            throw SessionNotFoundException.NoSuchSession(Id);
        }

        return subscription;
    }

    internal void Unsubscribe(SessionSubscription subscription) => subscribers.Remove(subscription);

    /// <summary>Offers a sender's message, honouring the process's mailbox bound.</summary>
    internal EnqueueResult TryPostMessage(MailboxItem item) => Enqueue(item, Definition.Settings.MailboxFullMode);

    /// <summary>Queues one of the runtime's own items (a timeout, a marker); false when the session has ended.</summary>
    internal bool TryPost(MailboxItem item) => Enqueue(item, whenFull: null) == EnqueueResult.Accepted;

    private EnqueueResult Enqueue(MailboxItem item, MailboxFullMode? whenFull)
    {
        EnqueueResult result = mailbox.TryEnqueue(item, whenFull, out bool mustSchedule);
        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return result;
    }

    /// <summary>Queues a new session's first item without starting its turn (see <see cref="ScheduleTurn"/>).</summary>
    internal void Prime(MailboxItem starter) => mailbox.TryEnqueue(starter, whenFull: null, out _);

    internal void ScheduleTurn() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    internal ItemPlace TryWithdraw(MailboxItem item) => mailbox.TryRemove(item);

    /// <summary>The cache that answers a repeated message id with the first result.</summary>
    internal MessageIdCache MessageIds
    {
        get
        {
            MessageIdCache? cache = Volatile.Read(ref messageIds);
            return cache ?? Interlocked.CompareExchange(ref messageIds, new MessageIdCache(Host), null) ?? messageIds!;
        }
    }

    /// <summary>Notes that a message is being handled, for idle expiry.</summary>
    internal void MarkMessageHandled()
    {
        if (Definition.Settings.IdleTimeout is not null)
        {
            Volatile.Write(ref lastMessageTimestamp, Host.TimeProvider.GetTimestamp());
        }
    }

    /// <summary>Starts watching for idleness, if the process declares an idle timeout.</summary>
    internal void StartIdleWatch()
    {
        if (Definition.Settings.IdleTimeout is { } idleTimeout)
        {
            lastMessageTimestamp = Host.TimeProvider.GetTimestamp();
            Host.Timers.Schedule(this, idleTimeout, CheckIdleAsync);
        }
    }

    /// <summary>Records that a handler threw and applies the fault policy.</summary>
    internal SessionFaultedException Fault(string operation, Exception exception)
    {
        var faulted = new SessionFaultedException(Id, operation, exception);
        AnnounceFault(faulted);
        if (Definition.Settings.FaultPolicy == SessionFaultPolicy.EndSession)
        {
            fault ??= faulted;
            endRequested = true;
        }

        return faulted;
    }

    /// <summary>Runs the process's fault handler on this turn; a fault handler that throws ends the session.</summary>
    internal async ValueTask RunFaultHandlerAsync(SessionFaultedException faulted)
    {
        if (IsEnded)
        {
            return;
        }

        try
        {
            await Definition.RunFaultHandlerAsync(Process, faulted).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            fault ??= new SessionFaultedException(Id, "OnFault", exception);
            endRequested = true;
        }
    }

    /// <summary>A handler overran its time limit: the fault policy applies at once, from the timer's thread.</summary>
    internal void HandlerTimeLimitExceeded(HandlerTimeLimitExceededException exceeded)
    {
        if (Definition.Settings.FaultPolicy == SessionFaultPolicy.EndSession)
        {
            fault ??= new SessionFaultedException(Id, exceeded.Operation, exceeded);
            End(DeadLetterReason.SessionEnded);
        }
    }

    void IThreadPoolWorkItem.Execute() => RunTurn();

    private void RunTurn()
    {
        for (int handled = 0; handled < TurnBatchSize; handled++)
        {
            MailboxItem? item = protocol is null ? mailbox.TryDequeue() : DequeueUnderProtocol();
            if (item is null)
            {
                return;
            }

            allowedTargets = item.TargetStates;
            runningName = item.Name;
            ValueTask run = item.RunAsync(this);
            if (!run.IsCompleted)
            {
                // One message at a time also across awaits: the turn stays ours (the mailbox keeps its
                // "scheduled" flag) until the handler finishes, then continues where it left off.
                awaitedItem = item;
                awaitedRun = run;
                run.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(resumeTurn ??= ResumeTurn);
                return;
            }

            run.GetAwaiter().GetResult();
            if (!Finish(item))
            {
                return;
            }
        }

        ScheduleTurn();
    }

    private void ResumeTurn()
    {
        MailboxItem item = awaitedItem!;
        ValueTask run = awaitedRun;
        awaitedItem = null;
        awaitedRun = default;
        run.GetAwaiter().GetResult();
        if (Finish(item))
        {
            RunTurn();
        }
    }

    /// <summary>Ends the session if asked, then reports the item; false when the session has ended.</summary>
    private bool Finish(MailboxItem item)
    {
        if (protocol is not null && (protocol.FinalStates & SessionProtocol.Bit(state)) != 0)
        {
            endRequested = true;
        }

        // The session ends before the caller sees the result, so a caller that saw EndSession's
        // handler finish never reaches the session again.
        if (endRequested)
        {
            End(DeadLetterReason.SessionEnded);
        }

        item.Complete();
        return !IsEnded;
    }

    private void End(DeadLetterReason reasonForQueued)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            return;
        }

        CorrelationKey[] ownKeys;
        lock (keys)
        {
            ownKeys = [.. keys];
        }

        Host.Forget(this, ownKeys);
        Exception answer = reasonForQueued == DeadLetterReason.HostStopping
            ? SessionHost.StoppedError()
            : SessionNotFoundException.EndedWhileQueued(Id);
        (List<MailboxItem> queued, List<MailboxItem> waiting) = mailbox.Close();
        foreach (MailboxItem item in queued)
        {
            item.Reject(this, answer, reasonForQueued);
        }

        // Senders still waiting for room were never accepted: they get the answer, but no dead letter.
        foreach (MailboxItem item in waiting)
        {
            item.Reject(this, answer, reason: null);
        }

        subscribers.CompleteAll(fault);
        AnnounceEnd();
    }

    /// <summary>
    /// Takes the first item the current state accepts; the others stay held in order. Held items that no
    /// reachable state accepts, or that waited past the hold limit, are answered with
    /// <see cref="MessageNotAcceptedException"/>. A wake-up is set for the oldest held item's hold limit.
    /// </summary>
    private MailboxItem? DequeueUnderProtocol()
    {
        oldestHeld = long.MaxValue;
        MailboxItem? item = mailbox.TryDequeue(SessionProtocol.Bit(state), refuseHeld ??= RefuseHeld, out MailboxItem? refused);
        while (refused is not null)
        {
            MailboxItem next = refused.Next!;
            refused.Next = null;
            refused.Reject(this, NotAccepted(refused), DeadLetterReason.NotAccepted);
            refused = next;
        }

        if (oldestHeld != long.MaxValue && Definition.Settings.HoldLimit is { } limit && !heldWakeUpScheduled)
        {
            heldWakeUpScheduled = true;
            TimeSpan wait = limit - Host.TimeProvider.GetElapsedTime(oldestHeld);
            Host.Timers.Schedule(this, wait + TimeSpan.FromTicks(1), (Action)HeldMessagesWakeUp);
        }

        return item;
    }

    // Runs on the turn, so the next dequeue re-examines the held messages against the hold limit.
    private void HeldMessagesWakeUp() => heldWakeUpScheduled = false;

    /// <summary>Called under the mailbox lock for each held item; true to refuse it now.</summary>
    private bool RefuseHeld(MailboxItem item)
    {
        if ((item.AcceptedStates & protocol!.ReachableFrom(state)) == 0)
        {
            return true;
        }

        if (Definition.Settings.HoldLimit is { } limit && item.PostedAt != 0)
        {
            if (Host.TimeProvider.GetElapsedTime(item.PostedAt) > limit)
            {
                return true;
            }

            oldestHeld = Math.Min(oldestHeld, item.PostedAt);
        }

        return false;
    }

    private MessageNotAcceptedException NotAccepted(MailboxItem item)
    {
        string stateName = protocol!.States[state];
        string reason = (item.AcceptedStates & protocol.ReachableFrom(state)) == 0
            ? "no state it can still reach accepts it"
            : $"it waited longer than the hold limit of {Definition.Settings.HoldLimit!.Value.TotalMilliseconds} ms";
        return new MessageNotAcceptedException(Id, item.Name, stateName, reason);
    }

    /// <summary>The host's shutdown timeout ran out: end now, whatever is still queued.</summary>
    internal void EndForShutdown() => End(DeadLetterReason.HostStopping);

    private async ValueTask CheckIdleAsync()
    {
        TimeSpan idleTimeout = Definition.Settings.IdleTimeout!.Value;
        TimeSpan idle = Host.TimeProvider.GetElapsedTime(Volatile.Read(ref lastMessageTimestamp));
        if (idle < idleTimeout)
        {
            Host.Timers.Schedule(this, idleTimeout - idle, CheckIdleAsync);
            return;
        }

        EndSession();
        await Definition.RunIdleHandlerAsync(Process).ConfigureAwait(false);
    }
}
