namespace SessionGen.Infrastructure;

// How a session ends (a handler asked, a final state, a fault, idleness, a withdrawn start, the host stopping) and
// what it holds until then: its correlation keys and its idle watch.
public sealed partial class SessionContext
{
    private int ended;

    // Under the mailbox gate. Counted: the shutdown deadline ended the session while a turn held it, and the host counts
    // that turn until it leaves (it may still file dead letters: a batch it took, a one-way handler giving up). TurnLeft: the
    // turn that held the session as it ended has left, though the "scheduled" flag stays set (no turn may start again).
    private bool outlivingTurnCounted;
    private bool endedTurnLeft;

    internal bool IsEnded => Volatile.Read(ref ended) != 0;

    /// <summary>
    /// Registers <paramref name="keys"/> for this session and remembers them, so the end releases them. The keys'
    /// lock is the one the end takes to read them, so a key is either released by the end or never
    /// registered: a handler that outlived its session cannot leave one behind.
    /// </summary>
    internal void TakeKeys(CorrelationKey[] keys)
    {
        SessionExtras rare = Extras;
        lock (rare)
        {
            if (IsEnded)
            {
                throw new SessionNotFoundException(Id, $"Session '{Id}' has ended, so it cannot take the correlation key {string.Join(", ", keys)}.");
            }

            if (!Host.Correlations.TryAdd(this, keys))
            {
                throw new CorrelationConflictException(Id, keys);
            }

            rare.Keys = [.. rare.Keys, .. keys];
        }
    }

    /// <summary>Remembers the keys a starter registered before the session became visible.</summary>
    internal void RememberKeys(IReadOnlyList<CorrelationKey> newKeys)
    {
        if (newKeys.Count == 0)
        {
            return;
        }

        SessionExtras rare = Extras;
        lock (rare)
        {
            rare.Keys = [.. rare.Keys, .. newKeys];
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

    /// <summary>
    /// A handler overran its time limit: the fault policy applies at once, from the timer's thread. A starter's overrun
    /// (<paramref name="startFailed"/>) ends the session whatever the policy: its caller was told the start failed.
    /// </summary>
    internal void HandlerTimeLimitExceeded(HandlerTimeLimitExceededException exceeded, bool startFailed)
    {
        if (startFailed || Definition.Settings.FaultPolicy == SessionFaultPolicy.EndSession)
        {
            // Not counted as outlived (see CloseMailbox): a time limit bounds a request, which its turn takes alone, so
            // the turn that outlives this end holds nothing else and files no dead letter; counted, a handler that
            // ignores its limit would keep the dead-letter subscriptions open after the host's disposal, for ever if it
            // never returns, however long before the stop it overran.
            Extras.Fault ??= new SessionFaultedException(Id, exceeded.Operation, exceeded);
            End(DeadLetterReason.SessionEnded);
        }
    }

    /// <summary>
    /// Withdraws the starter before it ran (its caller cancelled): the session never began, so it ends at once and
    /// leaves nothing behind (no registration, no keys, no execution gate held). The mailbox closes in the same
    /// hold of its gate, so no turn can run a message queued behind the starter on a process whose starter never
    /// ran; such messages are answered as for an ended session. False when the starter is no longer queued.
    /// </summary>
    internal bool TryWithdrawStarter(MailboxItem starter)
    {
        MailboxEntry[] queued;
        MailboxItem[] waiting;
        using (MailboxGate.Hold())
        {
            if (mailbox.TryRemove(starter, Capacity, out _) != ItemPlace.Queued)
            {
                return false;
            }

            (queued, waiting) = mailbox.Close();
        }

        End(DeadLetterReason.SessionEnded, (queued, waiting));
        return true;
    }

    /// <summary>The host's shutdown timeout ran out: end now, whatever is still queued.</summary>
    internal void EndForShutdown()
    {
        if (durability is { } durable)
        {
            durable.Unloading = true; // it lives on in its store
        }

        End(DeadLetterReason.HostStopping, closedBy: null, byAnotherThread: true);
    }

    private void End(DeadLetterReason reasonForQueued) => End(reasonForQueued, closedBy: null);

    /// <summary>
    /// A turn leaves a session that has ended (<see cref="IsEnded"/>): if the end was counted as outlived by this turn
    /// (<see cref="CloseMailbox(bool)"/>), the host stops counting it, since the turn files no dead letter any more.
    /// <paramref name="stillScheduled"/>: the turn leaves the "scheduled" flag set (it returns without going idle), so an
    /// end that closes the mailbox later must not count a turn that is already gone.
    /// </summary>
    private void LeaveEndedTurn(bool stillScheduled)
    {
        bool counted;
        using (MailboxGate.Hold())
        {
            endedTurnLeft |= stillScheduled;
            counted = outlivingTurnCounted;
            outlivingTurnCounted = false;
        }

        if (counted)
        {
            Host.OutlivingTurnLeft();
        }
    }

    /// <summary>
    /// Ends the session once: its keys, its mailbox (closed here, or already closed by the caller, who passes what it
    /// held in <paramref name="closedBy"/>), the registry, its timeouts, its subscribers. <paramref name="byAnotherThread"/>:
    /// the end does not come from the session's turn (the shutdown deadline), so a turn may still
    /// hold the session and file dead letters after it has left the registry; the host counts such a turn until it leaves.
    /// </summary>
    private void End(DeadLetterReason reasonForQueued, (MailboxEntry[] Queued, MailboxItem[] Waiting)? closedBy, bool byAnotherThread = false)
    {
        if (Interlocked.Exchange(ref ended, 1) != 0)
        {
            return;
        }

        // Read after 'ended' is set: a TakeKeys that got the lock first is seen here; one that comes later sees the end.
        CorrelationKey[] ownKeys = [];
        if (Volatile.Read(ref extras) is { } rare)
        {
            lock (rare)
            {
                ownKeys = rare.Keys;
            }
        }

        (MailboxEntry[] queued, MailboxItem[] waiting) = closedBy ?? CloseMailbox(byAnotherThread);
        Interleaving.Point();

        // Closed first (a sender finding the session now is refused as for an ended one), answered, then forgotten:
        // a session leaves the registry only once its dead letters are filed, which the host's drain relies on.
        Answer(reasonForQueued, queued, waiting);
        Host.Forget(this, ownKeys);
        durability?.MarkLeft();

        // Before anyone hears of the end: a subscriber or observer that sees it sees the session's timeouts released.
        Host.Timers.Release(extras);
        Interlocked.Exchange(ref subscribers, SubscriberList.Ended)?.CompleteAll(extras?.Fault);
        AnnounceEnd();
    }

    /// <summary>
    /// Closes the mailbox. <paramref name="countOutlivingTurn"/>: when a turn holds the session now (and has not left it
    /// already), the host counts it, in the same hold of the gate, so the turn's <see cref="LeaveEndedTurn"/> (under the
    /// gate too) always finds the count it must undo, and the count is made before the session leaves the registry.
    /// </summary>
    private (MailboxEntry[] Queued, MailboxItem[] Waiting) CloseMailbox(bool countOutlivingTurn = false)
    {
        using (MailboxGate.Hold())
        {
            if (countOutlivingTurn && mailbox.IsScheduled && !endedTurnLeft && !outlivingTurnCounted)
            {
                outlivingTurnCounted = true;
                Host.CountOutlivingTurn();
            }

            return mailbox.Close();
        }
    }

    private void Answer(DeadLetterReason reasonForQueued, MailboxEntry[] queued, MailboxItem[] waiting)
    {
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
    }

    /// <summary>What the sender of a message the ended session never ran is told.</summary>
    private Exception EndedAnswer(DeadLetterReason reason) =>
        reason == DeadLetterReason.HostStopping ? SessionHost.StoppedError() : SessionNotFoundException.EndedWhileQueued(Id);

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
