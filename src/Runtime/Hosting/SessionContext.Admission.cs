namespace SessionGen.Infrastructure;

// Taking messages in: every producer (senders, the timer wheel, the host's drain) goes through here. The mailbox
// is guarded by a spin gate whose critical sections only touch the mailbox: no user code, no clock, no callback.
public sealed partial class SessionContext
{
    private Mailbox mailbox;

    // The mailbox's gate, kept inside the mailbox beside the ring's indices (see Mailbox.Gate).
    private ref SpinGate MailboxGate => ref mailbox.Gate;

    internal int QueueLength
    {
        get
        {
            using (MailboxGate.Hold())
            {
                return mailbox.Count;
            }
        }
    }

    private int Capacity => Definition.Settings.MailboxCapacity;

    /// <summary>
    /// Offers a sender's message, honouring the process's mailbox bound (<paramref name="whenFull"/> overrides the
    /// process's mode: a one-way message never waits for room). When the session was idle, the message runs at
    /// once on the sender's thread if that thread may run handlers (see <see cref="BeginTurn"/>), the way an async
    /// method runs until its first incomplete await.
    /// </summary>
    internal EnqueueResult TryPostMessage(MailboxItem item, bool mayRunInline, MailboxFullMode? whenFull = null)
    {
        EnqueueResult result = Enqueue(new MailboxEntry(item), whenFull ?? Definition.Settings.MailboxFullMode, out bool mustSchedule);
        Interleaving.Point();
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
    internal EnqueueResult TryPostOneWay(SessionOperation operation, object message) => TryPostOneWay(new MailboxEntry(operation, message));

    /// <summary>As <see cref="TryPostOneWay(SessionOperation, object)"/>, for a one-way message that carries its handler's argument.</summary>
    internal EnqueueResult TryPostOneWay(SessionOperation operation, OneWayArgument argument) => TryPostOneWay(new MailboxEntry(operation, argument));

    /// <summary>Queues a one-way <paramref name="entry"/> (see <see cref="TryPostOneWay(SessionOperation, object)"/>).</summary>
    internal EnqueueResult TryPostOneWay(in MailboxEntry entry)
    {
        EnqueueResult result = Enqueue(entry, Definition.Settings.MailboxFullMode, out bool mustSchedule);
        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return result;
    }

    /// <summary>
    /// As <see cref="TryPostMessage"/> (never inline, the process's full mode) for an item another instance of this
    /// session kept for its load, unless its sender has cancelled (<see cref="MailboxItem.IsCancelled"/>): read in the hold
    /// of the gate that queues it, so a withdrawal either finds it queued or left a cancellation this refuses
    /// (<see cref="EnqueueResult.Closed"/>, nothing queued). Not on any sender's path.
    /// </summary>
    internal EnqueueResult TryRequeue(MailboxItem item)
    {
        EnqueueResult result;
        bool mustSchedule;
        using (MailboxGate.Hold())
        {
            if (item.IsCancelled)
            {
                return EnqueueResult.Closed;
            }

            result = mailbox.TryEnqueue(new MailboxEntry(item), Capacity, Definition.Settings.MailboxFullMode, out mustSchedule);
        }

        Interleaving.Point();
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

    /// <summary>
    /// Queues the host's drain marker, after which no sender's message is accepted; false when the session has ended.
    /// Senders still waiting for room are turned away: told the host is stopping, or, when the session is only being
    /// <paramref name="unloaded"/> (a durable session leaving memory, the host running on), kept for its next load.
    /// </summary>
    internal bool TryPostDrainMarker(DrainMarker marker, bool unloaded = false)
    {
        EnqueueResult result;
        bool mustSchedule;
        MailboxItem[] turnedAway;
        using (MailboxGate.Hold())
        {
            result = mailbox.TryEnqueueDrainMarker(new MailboxEntry(marker), out mustSchedule, out turnedAway);
        }

        if (unloaded && turnedAway.Length > 0 && !Host.IsStopping)
        {
            // Never accepted, but the host is not stopping: telling them so would be false, and dropping them would lose
            // them. Kept before the session can leave the registry, so its next load queues them ahead of every sender
            // who waits for that load (those refused from the marker on came after them); the load is made for them.
            Host.KeepForReload(this, [], turnedAway);
            _ = Host.RequeueAsync(this);
        }
        else
        {
            foreach (MailboxItem item in turnedAway)
            {
                item.Reject(this, SessionHost.StoppedError(), reason: null);
            }
        }

        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return result == EnqueueResult.Accepted;
    }

    /// <summary>Queues a new session's first item without starting its turn (see <see cref="BeginTurn"/>).</summary>
    internal void Prime(MailboxItem starter) => Enqueue(new MailboxEntry(starter), whenFull: null, out _);

    /// <summary>Takes back an item that has not started (its sender cancelled); says where it was.</summary>
    internal ItemPlace TryWithdraw(MailboxItem item)
    {
        ItemPlace place;
        bool mustSchedule;
        using (MailboxGate.Hold())
        {
            place = mailbox.TryRemove(item, Capacity, out mustSchedule);
        }

        if (mustSchedule)
        {
            ScheduleTurn();
        }

        return place;
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

    private EnqueueResult Enqueue(in MailboxEntry entry, MailboxFullMode? whenFull, out bool mustSchedule)
    {
        using (MailboxGate.Hold())
        {
            return mailbox.TryEnqueue(entry, Capacity, whenFull, out mustSchedule);
        }
    }
}
