using System.ComponentModel;

namespace SessionGen;

/// <summary>
/// A running session as its process sees it: the id, the event stream, timeouts and the end.
/// Generated code binds one to each process instance; user code calls the generated members
/// (<c>Emit</c>, <c>EndSession</c>, <c>After</c>, …) instead of this type.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionContext : IThreadPoolWorkItem
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

    internal SessionContext(SessionHost host, SessionId id, SessionProcessDefinition definition)
    {
        Host = host;
        Id = id;
        Definition = definition;
        mailbox = new Mailbox(definition.Settings.MailboxCapacity);
    }

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
            MailboxItem? item = mailbox.TryDequeue();
            if (item is null)
            {
                return;
            }

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

        Host.Forget(this);
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
