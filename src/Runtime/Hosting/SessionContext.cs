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

    private readonly Mailbox mailbox = new();
    private readonly SubscriberList subscribers = new();
    private object? process;
    private bool endRequested;
    private SessionFaultedException? fault;
    private volatile bool ended;
    private MailboxItem? awaitedItem;
    private ValueTask awaitedRun;
    private Action? resumeTurn;

    internal SessionContext(SessionHost host, SessionId id, SessionProcessDefinition definition)
    {
        Host = host;
        Id = id;
        Definition = definition;
    }

    /// <summary>The session's id.</summary>
    public SessionId Id { get; }

    /// <summary>The host running the session.</summary>
    public SessionHost Host { get; }

    /// <summary>The process this session runs.</summary>
    public SessionProcessDefinition Definition { get; }

    internal object Process => process!;

    internal bool IsEnded => ended;

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

    /// <summary>Queues <paramref name="item"/>; false when the session has ended.</summary>
    internal bool TryPost(MailboxItem item)
    {
        if (!mailbox.TryEnqueue(item, out bool mustSchedule))
        {
            return false;
        }

        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return true;
    }

    /// <summary>Queues a new session's first item without starting its turn (see <see cref="ScheduleTurn"/>).</summary>
    internal void Prime(MailboxItem starter) => mailbox.TryEnqueue(starter, out _);

    internal void ScheduleTurn() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    internal bool TryWithdraw(MailboxItem item) => mailbox.TryRemove(item);

    /// <summary>Records that a handler threw; the session ends after it.</summary>
    internal SessionFaultedException Fault(string operation, Exception exception)
    {
        var faulted = new SessionFaultedException(Id, operation, exception);
        fault ??= faulted;
        endRequested = true;
        return faulted;
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
            End(Host.EndedError(Id));
        }

        item.Complete();
        return !ended;
    }

    private void End(Exception reasonForQueued)
    {
        ended = true;
        Host.Forget(this);
        foreach (MailboxItem queued in mailbox.Close())
        {
            queued.Reject(reasonForQueued);
        }

        subscribers.CompleteAll(fault);
    }
}
