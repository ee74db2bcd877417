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

    // A handler run inline may send to another idle session, which runs inline too: bound the nesting.
    private const int MaxInlineDepth = 4;

    [ThreadStatic]
    private static int inlineDepth;

    // Guarded by mailboxGate, a spin gate (the critical sections are a few dozen instructions and never call out).
    private Mailbox mailbox;
    private SpinGate mailboxGate;
    // Made on first Emit or Subscribe; SubscriberList.Ended once the session has ended without one.
    private SubscriberList? subscribers;
    private SessionExtras? extras;
    private object? process;

    // The item or one-way operation whose handler runs now: its name and [MovesTo] targets, for MoveTo.
    private object? running;
    private int ended;
    private int state;
    private bool endRequested;

    internal SessionContext(SessionHost host, SessionId id, SessionProcessDefinition definition)
    {
        Host = host;
        Id = id;
        Definition = definition;
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

    /// <summary>The rarely used parts, made on first use (from any thread).</summary>
    internal SessionExtras Extras => Volatile.Read(ref extras) ?? Interlocked.CompareExchange(ref extras, new SessionExtras(), null) ?? extras!;

    private SessionProtocol? Protocol => Definition.Protocol;

    private SubscriberList Subscribers => Volatile.Read(ref subscribers) ?? Interlocked.CompareExchange(ref subscribers, new SubscriberList(), null) ?? subscribers!;

    internal bool IsEnded => Volatile.Read(ref ended) != 0;

    internal int QueueLength
    {
        get
        {
            using (mailboxGate.Hold())
            {
                return mailbox.Count;
            }
        }
    }

    private int Capacity => Definition.Settings.MailboxCapacity;

    /// <summary>Publishes <paramref name="event"/> to every subscriber of this session, in order.</summary>
    public void Emit(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        Subscribers.Publish(Id, @event, participant: null);
    }

    /// <summary>Publishes <paramref name="event"/> only to the subscriptions opened for <paramref name="participant"/>.</summary>
    public void EmitTo(string participant, object @event)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(@event);
        Subscribers.Publish(Id, @event, participant);
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
        SessionProtocol? protocol = Protocol;
        (string runningName, ulong allowedTargets) = running switch
        {
            MailboxItem item => (item.Name, item.TargetStates),
            SessionOperation operation => (operation.Name, operation.TargetStates),
            _ => ("", 0UL),
        };
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
        if (newKeys.Count == 0)
        {
            return;
        }

        SessionExtras rare = Extras;
        lock (this)
        {
            rare.Keys = [.. rare.Keys, .. newKeys];
        }
    }

    internal void Bind(object processInstance) => process = processInstance;

    internal SessionSubscription Subscribe(string? participant)
    {
        var subscription = new SessionSubscription(this, participant);
        if (!Subscribers.Add(subscription))
        {
            throw SessionNotFoundException.NoSuchSession(Id);
        }

        return subscription;
    }

    internal void Unsubscribe(SessionSubscription subscription) => subscribers?.Remove(subscription);

    /// <summary>
    /// Offers a sender's message, honouring the process's mailbox bound. When the session was idle, the
    /// message runs at once on the sender's thread if that thread may run handlers (see <see cref="BeginTurn"/>),
    /// the way an async method runs until its first incomplete await.
    /// </summary>
    internal EnqueueResult TryPostMessage(MailboxItem item, bool mayRunInline)
    {
        EnqueueResult result = Enqueue(new MailboxEntry(item), Definition.Settings.MailboxFullMode, out bool mustSchedule);
        if (mustSchedule)
        {
            if (mayRunInline)
            {
                BeginTurn();
            }
            else
            {
                ScheduleTurn();
            }
        }

        return result;
    }

    /// <summary>
    /// Queues a one-way message: nothing of the runtime's own is allocated for it, and its sender never waits,
    /// so the turn it may start always runs on the thread pool.
    /// </summary>
    internal EnqueueResult TryPostOneWay(SessionOperation operation, object message)
    {
        EnqueueResult result = Enqueue(new MailboxEntry(operation, message), Definition.Settings.MailboxFullMode, out bool mustSchedule);
        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return result;
    }

    /// <summary>Queues one of the runtime's own items (a timeout, a marker); false when the session has ended.</summary>
    internal bool TryPost(MailboxItem item)
    {
        EnqueueResult result = Enqueue(new MailboxEntry(item), whenFull: null, out bool mustSchedule);
        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return result == EnqueueResult.Accepted;
    }

    private EnqueueResult Enqueue(in MailboxEntry entry, MailboxFullMode? whenFull, out bool mustSchedule)
    {
        using (mailboxGate.Hold())
        {
            return mailbox.TryEnqueue(entry, Capacity, whenFull, out mustSchedule);
        }
    }

    /// <summary>Queues a new session's first item without starting its turn (see <see cref="BeginTurn"/>).</summary>
    internal void Prime(MailboxItem starter) => Enqueue(new MailboxEntry(starter), whenFull: null, out _);

    /// <summary>
    /// Starts the turn a sender has just claimed (the session was idle): on the calling thread when it is a
    /// plain thread-pool or console thread, so a handler that completes synchronously costs no thread hop;
    /// on the thread pool when the caller has a synchronization context or scheduler (a UI thread must never
    /// run handlers, nor wait for one), when handlers already run inline too deep on this thread, or when the
    /// process has a handler time limit.
    /// </summary>
    internal void BeginTurn()
    {
        // A handler time limit must be able to answer the caller while the handler still runs, which it cannot
        // if the handler runs on the caller's own thread.
        if (inlineDepth >= MaxInlineDepth || SynchronizationContext.Current is not null || TaskScheduler.Current != TaskScheduler.Default
            || Definition.Settings.HandlerTimeLimit is not null)
        {
            ScheduleTurn();
            return;
        }

        inlineDepth++;
        try
        {
            RunTurn(limit: 1);
        }
        finally
        {
            inlineDepth--;
        }
    }

    internal void ScheduleTurn() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    internal ItemPlace TryWithdraw(MailboxItem item)
    {
        using (mailboxGate.Hold())
        {
            return mailbox.TryRemove(item, Capacity);
        }
    }

    /// <summary>The cache that answers a repeated message id with the first result.</summary>
    internal MessageIdCache MessageIds
    {
        get
        {
            SessionExtras rare = Extras;
            MessageIdCache? cache = Volatile.Read(ref rare.MessageIds);
            return cache ?? Interlocked.CompareExchange(ref rare.MessageIds, new MessageIdCache(Host), null) ?? rare.MessageIds!;
        }
    }

    /// <summary>Notes that a message is being handled, for idle expiry.</summary>
    internal void MarkMessageHandled()
    {
        if (Definition.Settings.IdleTimeout is not null)
        {
            Volatile.Write(ref Extras.LastMessageTimestamp, Host.TimeProvider.GetTimestamp());
        }
    }

    /// <summary>Starts watching for idleness, if the process declares an idle timeout.</summary>
    internal void StartIdleWatch()
    {
        if (Definition.Settings.IdleTimeout is { } idleTimeout)
        {
            Volatile.Write(ref Extras.LastMessageTimestamp, Host.TimeProvider.GetTimestamp());
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
            Extras.Fault ??= faulted;
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
            Extras.Fault ??= new SessionFaultedException(Id, "OnFault", exception);
            endRequested = true;
        }
    }

    /// <summary>A handler overran its time limit: the fault policy applies at once, from the timer's thread.</summary>
    internal void HandlerTimeLimitExceeded(HandlerTimeLimitExceededException exceeded)
    {
        if (Definition.Settings.FaultPolicy == SessionFaultPolicy.EndSession)
        {
            Extras.Fault ??= new SessionFaultedException(Id, exceeded.Operation, exceeded);
            End(DeadLetterReason.SessionEnded);
        }
    }

    void IThreadPoolWorkItem.Execute() => RunTurn(TurnBatchSize);

    /// <summary>Runs up to <paramref name="limit"/> items, then gives the turn up or hands it to the thread pool.</summary>
    private void RunTurn(int limit)
    {
        EntryBatch batch = default;
        int next = 0;
        int count = 0;
        for (int handled = 0; handled < limit; handled++)
        {
            if (next == count)
            {
                next = 0;
                count = Take(ref batch, Math.Min(EntryBatch.Size, limit - handled));
                if (count == 0)
                {
                    return;
                }
            }

            MailboxEntry entry = batch[next];
            batch[next++] = default;
            MailboxItem? item = entry.Item;
            object current = (object?)item ?? entry.OneWay!;
            if (!ReferenceEquals(running, current))
            {
                // Written only when it changes: producers read this object's other fields on every send.
                running = current;
            }

            ValueTask run = item is not null ? item.RunAsync(this) : entry.OneWay!.RunOneWayAsync(this, entry.Message);
            if (!run.IsCompleted)
            {
                // One message at a time also across awaits: the turn stays ours (the mailbox keeps its
                // "scheduled" flag) until the handler finishes, then continues where it left off.
                PutBack(batch[next..count]);
                SessionExtras rare = Extras;
                rare.AwaitedItem = item;
                rare.AwaitedRun = run;
                run.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(rare.ResumeTurn ??= ResumeTurn);
                return;
            }

            run.GetAwaiter().GetResult();
            if (next < count && (endRequested || InFinalState || IsEnded))
            {
                // The session ends after this handler: what the turn took but has not run goes back, so the
                // end answers it in order with the rest of the queue.
                PutBack(batch[next..count]);
                next = count;
            }

            if (!Finish(item))
            {
                return;
            }
        }

        PutBack(batch[next..count]);
        bool idle;
        using (mailboxGate.Hold())
        {
            idle = mailbox.TryGoIdle();
        }

        if (!idle)
        {
            ScheduleTurn();
        }
    }

    private bool InFinalState => Protocol is { } protocol && (protocol.FinalStates & SessionProtocol.Bit(state)) != 0;

    /// <summary>Takes the next entry, or a run of one-way entries, into <paramref name="batch"/>; 0 when nothing can run.</summary>
    private int Take(ref EntryBatch batch, int most)
    {
        if (Protocol is not null)
        {
            if (!TryDequeueUnderProtocol(out MailboxEntry entry))
            {
                return 0;
            }

            batch[0] = entry;
            return 1;
        }

        using (mailboxGate.Hold())
        {
            return mailbox.TakeRun(Capacity, ((Span<MailboxEntry>)batch)[..most]);
        }
    }

    /// <summary>Returns entries taken but not run to the head of the queue; if the session has ended meanwhile, answers them.</summary>
    private void PutBack(ReadOnlySpan<MailboxEntry> unrun)
    {
        if (unrun.IsEmpty)
        {
            return;
        }

        bool returned;
        using (mailboxGate.Hold())
        {
            returned = mailbox.PutBack(unrun);
        }

        if (!returned)
        {
            DeadLetterReason reason = Host.IsStopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded;
            Exception answer = EndedAnswer(reason);
            foreach (MailboxEntry entry in unrun)
            {
                entry.Reject(this, answer, reason);
            }
        }
    }

    private void ResumeTurn()
    {
        SessionExtras rare = extras!;
        MailboxItem? item = rare.AwaitedItem;
        ValueTask run = rare.AwaitedRun;
        rare.AwaitedItem = null;
        rare.AwaitedRun = default;
        run.GetAwaiter().GetResult();
        if (Finish(item))
        {
            RunTurn(TurnBatchSize);
        }
    }

    /// <summary>Ends the session if asked, then reports the item (null for a one-way message); false when the session has ended.</summary>
    private bool Finish(MailboxItem? item)
    {
        if (InFinalState)
        {
            endRequested = true;
        }

        // The session ends before the caller sees the result, so a caller that saw EndSession's
        // handler finish never reaches the session again.
        if (endRequested)
        {
            End(DeadLetterReason.SessionEnded);
        }

        item?.Complete();
        return !IsEnded;
    }

    private void End(DeadLetterReason reasonForQueued)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            return;
        }

        CorrelationKey[] ownKeys;
        lock (this)
        {
            ownKeys = extras?.Keys ?? [];
        }

        Host.Forget(this, ownKeys);
        MailboxEntry[] queued;
        MailboxItem[] waiting;
        using (mailboxGate.Hold())
        {
            (queued, waiting) = mailbox.Close();
        }

        // Made only when someone is told: formatting the id into a message costs more than ending the session.
        Exception? answer = queued.Length + waiting.Length == 0 ? null : EndedAnswer(reasonForQueued);
        foreach (MailboxEntry entry in queued)
        {
            entry.Reject(this, answer!, reasonForQueued);
        }

        // Senders still waiting for room were never accepted: they get the answer, but no dead letter.
        foreach (MailboxItem item in waiting)
        {
            item.Reject(this, answer!, reason: null);
        }

        Host.Timers.Release(extras);
        Interlocked.Exchange(ref subscribers, SubscriberList.Ended)?.CompleteAll(extras?.Fault);
        AnnounceEnd();
    }

    /// <summary>
    /// Takes the first item the current state accepts; the others stay held in order. Held items that no
    /// reachable state accepts, or that waited past the hold limit, are answered with
    /// <see cref="MessageNotAcceptedException"/>. A wake-up is set for the oldest held item's hold limit.
    /// </summary>
    private bool TryDequeueUnderProtocol(out MailboxEntry entry)
    {
        SessionExtras rare = Extras;
        rare.OldestHeld = long.MaxValue;
        List<MailboxEntry>? refused = null;
        bool found;
        using (mailboxGate.Hold())
        {
            found = mailbox.TryDequeue(Capacity, SessionProtocol.Bit(state), rare.RefuseHeld ??= RefuseHeld, ref refused, out entry);
        }

        foreach (MailboxEntry gone in refused ?? [])
        {
            gone.Reject(this, NotAccepted(gone), DeadLetterReason.NotAccepted);
        }

        if (rare.OldestHeld != long.MaxValue && Definition.Settings.HoldLimit is { } limit && !rare.HeldWakeUpScheduled)
        {
            rare.HeldWakeUpScheduled = true;
            TimeSpan wait = limit - Host.TimeProvider.GetElapsedTime(rare.OldestHeld);
            Host.Timers.Schedule(this, wait + TimeSpan.FromTicks(1), (Action)HeldMessagesWakeUp);
        }

        return found;
    }

    // Runs on the turn, so the next dequeue re-examines the held messages against the hold limit.
    private void HeldMessagesWakeUp() => Extras.HeldWakeUpScheduled = false;

    /// <summary>Called under the mailbox lock for each held entry; true to refuse it now.</summary>
    private bool RefuseHeld(MailboxEntry item)
    {
        if ((item.AcceptedStates & Protocol!.ReachableFrom(state)) == 0)
        {
            return true;
        }

        if (Definition.Settings.HoldLimit is { } limit && item.PostedAt != 0)
        {
            if (Host.TimeProvider.GetElapsedTime(item.PostedAt) > limit)
            {
                return true;
            }

            extras!.OldestHeld = Math.Min(extras.OldestHeld, item.PostedAt);
        }

        return false;
    }

    private MessageNotAcceptedException NotAccepted(MailboxEntry item)
    {
        SessionProtocol protocol = Protocol!;
        string stateName = protocol.States[state];
        string reason = (item.AcceptedStates & protocol.ReachableFrom(state)) == 0
            ? "no state it can still reach accepts it"
            : $"it waited longer than the hold limit of {Definition.Settings.HoldLimit!.Value.TotalMilliseconds} ms";
        return new MessageNotAcceptedException(Id, item.Name, stateName, reason);
    }

    /// <summary>What the sender of a message the ended session never ran is told.</summary>
    private Exception EndedAnswer(DeadLetterReason reason) =>
        reason == DeadLetterReason.HostStopping ? SessionHost.StoppedError() : SessionNotFoundException.EndedWhileQueued(Id);

    /// <summary>The host's shutdown timeout ran out: end now, whatever is still queued.</summary>
    internal void EndForShutdown() => End(DeadLetterReason.HostStopping);

    private async ValueTask CheckIdleAsync()
    {
        TimeSpan idleTimeout = Definition.Settings.IdleTimeout!.Value;
        TimeSpan idle = Host.TimeProvider.GetElapsedTime(Volatile.Read(ref Extras.LastMessageTimestamp));
        if (idle < idleTimeout)
        {
            Host.Timers.Schedule(this, idleTimeout - idle, CheckIdleAsync);
            return;
        }

        EndSession();
        await Definition.RunIdleHandlerAsync(Process).ConfigureAwait(false);
    }
}
