using System.Text.Json;

namespace SessionGen.Infrastructure;

// A durable session commits each turn to the host's store before anyone hears of it: the caller's answer, the
// turn's events and the session's end wait for the write. A turn whose write fails leaves the store as it was and
// the session leaves memory, so the next message loads the last committed turn.
public sealed partial class SessionContext
{
    private SessionDurability? durability;

    internal bool IsDurable => durability is not null;

    // Set under the mailbox's gate when passivation (or a failed write) closes it: a sender refused by the closed mailbox
    // then knows the session is leaving memory (not ending), and loads it again.
    private volatile bool passivated;

    internal void MakeDurable(SessionDurability state)
    {
        durability = state;
        state.LastActive = Host.TimeProvider.GetTimestamp();
    }

    /// <summary>Fills a reloaded session from its record, before it is registered: fields, protocol state, events.</summary>
    internal void RestoreState(SessionRecord record, StoredSession stored)
    {
        SessionDurability durable = durability!;
        durable.Version = record.Version;
        string process = Definition.ProtocolName;
        ((IDurableProcess)Process).ReadState(new SessionStateReader(stored.Fields, durable.Options, process, Id));
        state = stored.State;
        durable.RestoreEvents(record, stored.LastEventSequence, stored.RecentEvents, stored.HandledIdList());
        RestoreHandledIds(stored);
        Subscribers.Restore(
            stored.LastEventSequence,
            stored.RecentEvents.Select(e => new SessionEvent(Id, e.Sequence, new RestoredEvent(e.Type, ParseJson(e.Payload)), e.Participant)),
            durable.EventLogCapacity);
    }

    /// <summary>The ids handled within the deduplication window come back: a retry gets the stored outcome.</summary>
    private void RestoreHandledIds(StoredSession stored)
    {
        DateTimeOffset now = Host.TimeProvider.GetUtcNow();
        foreach (JsonElement id in stored.HandledIds.EnumerateArray())
        {
            TimeSpan age = now - id.GetProperty(StoredMessageIds.HandledAt).GetDateTimeOffset();
            string operation = id.GetProperty(StoredMessageIds.Operation).GetString()!;
            if (age < Host.DeduplicationWindow && Definition.FindOperation(operation) is { } handled)
            {
                string? by = id.TryGetProperty(StoredMessageIds.Caller, out JsonElement caller) ? caller.GetString() : null;
                handled.RestoreHandledId(this, new MessageId(id.GetProperty(StoredMessageIds.Id).GetString()!), by, id, durability!.Options, age);
            }
        }
    }

    /// <summary>Schedules a reloaded session's pending timeouts again, once it is registered.</summary>
    internal void RestoreTimeouts(StoredSession stored)
    {
        SessionDurability durable = durability!;
        string process = Definition.ProtocolName;

        // In due order, so overdue ones (delay zero) run in the order they were due.
        DateTimeOffset now = Host.TimeProvider.GetUtcNow();
        foreach (StoredTimeout timeout in stored.Timeouts)
        {
            TimeSpan delay = timeout.DueAt > now ? timeout.DueAt - now : TimeSpan.Zero;
            Definition.ScheduleStoredTimeout(Process, timeout.Name, delay, new SessionStateReader(timeout.Arguments, durable.Options, process, Id));
        }
    }

    private static JsonElement ParseJson(ReadOnlyMemory<byte> json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    internal void MarkActive() => durability!.LastActive = Host.TimeProvider.GetTimestamp();

    /// <summary>True once the session has left memory without ending (passivated, unloaded): a sender should load it again.</summary>
    internal bool IsUnloaded => passivated || draining || (durability is { Unloading: true } && IsEnded);

    // Set before an unload queues its drain marker: the mailbox refuses senders from the marker on, and they then know
    // the session is leaving memory, not ending (they wait for its next load, which waits for it to leave).
    private volatile bool draining;

    /// <summary>The session is about to be unloaded (<see cref="SessionHost.UnloadAsync"/>): senders it refuses from now on load it again.</summary>
    internal void BeginUnload() => draining = true;

    /// <summary>
    /// Passivation: a durable session that has been idle since before <paramref name="idleSince"/> (no turn committed,
    /// nothing running or queued, nobody subscribed) leaves memory; its store keeps it, and a wake-up is armed for its
    /// earliest pending timeout. False when it is not idle.
    /// </summary>
    internal bool TryPassivate(long idleSince)
    {
        SessionDurability durable = durability!;
        if (durable.LastActive > idleSince || Volatile.Read(ref subscribers) is { Count: > 0 } || IsEnded)
        {
            return false;
        }

        // Closed only if no turn runs or is claimed: once closed, none can start, so the turn's own state is ours.
        using (MailboxGate.Hold())
        {
            if (!mailbox.TryCloseIfIdle())
            {
                return false;
            }

            passivated = true;
        }

        durable.Unloading = true;
        DateTimeOffset? wakeUpAt = durable.EarliestPendingTimeout();
        End(DeadLetterReason.SessionEnded, closedBy: ([], []));
        if (wakeUpAt is { } due)
        {
            Host.ArmWakeUp(Definition, Id, due - Host.TimeProvider.GetUtcNow());
        }

        return true;
    }

    /// <summary>A load that failed after the session was registered: it leaves memory at once, without ending in the store.</summary>
    internal void AbandonLoad()
    {
        durability!.Unloading = true;
        End(DeadLetterReason.SessionEnded);
    }

    /// <summary>A durable session leaves memory once its running turn is done, without ending in the store.</summary>
    internal void Unload()
    {
        durability!.Unloading = true;
        endRequested = true;
    }

    /// <summary>Remembers a named timeout a durable session scheduled, so its records carry it until it has run.</summary>
    private TimeoutHandle Tracked(TimeoutHandle handle, TimeSpan delay)
    {
        if (durability is { } durable && handle.Entry is { DurableName: not null } entry)
        {
            durable.Track(entry, Host.TimeProvider.GetUtcNow() + delay);
        }

        return handle;
    }

    private void ThrowIfDurable()
    {
        if (durability is not null)
        {
            throw new InvalidOperationException(
                $"Process '{Definition.ProtocolName}' is durable, and a callback cannot be stored: declare an [OnTimeout] handler and call its Schedule method instead of After.");
        }
    }

    /// <summary>
    /// Commits the turn that has just run, then reports it (see <see cref="Finish"/>). True when the turn may go on
    /// at once; false when the session has ended or the write is still in flight (its completion goes on with the turn).
    /// </summary>
    private bool FinishDurable(MailboxItem? item)
    {
        SessionDurability durable = durability!;
        if (durable.Unloading)
        {
            // Unloaded while the handler ran (the shutdown deadline): the turn is not stored, so its caller must not
            // hear it succeeded. The drain marker's own turn has nobody to tell.
            if (item is not null and not DrainMarker)
            {
                item.FailOutcome(SessionHost.StoppedError());
            }

            durable.Discard();
            End(Host.IsStopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded);
            item?.Complete();
            return false;
        }

        // Ended meanwhile (a time limit under the EndSession policy) counts as an end the store must hear of.
        bool ending = endRequested || IsEnded;
        SessionRecord record;
        ValueTask write;
        try
        {
            record = durable.Capture(this, item, ending, Keys);
            if (durable.Unchanged(record, out SessionRecord last))
            {
                record = last;
                write = default;
            }
            else
            {
                write = durable.Store.WriteAsync(record, CancellationToken.None);
            }
        }
        catch (Exception exception)
        {
            CommitFailed(item, exception);
            return false;
        }

        if (write.IsCompleted)
        {
            return Committed(item, write, record);
        }

        write.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() =>
        {
            if (Committed(item, write, record))
            {
                ContinueTurn();
            }
            else if (IsEnded)
            {
                LeaveEndedTurn(stillScheduled: true);
            }
        });
        return false;
    }

    private bool Committed(MailboxItem? item, ValueTask write, SessionRecord record)
    {
        SessionDurability durable = durability!;
        try
        {
            write.GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            CommitFailed(item, exception);
            return false;
        }

        (object Payload, string? Participant)[] events = durable.Unpublished.Count == 0 ? [] : [.. durable.Unpublished];
        durable.Committed(record);
        durable.LastActive = Host.TimeProvider.GetTimestamp();
        foreach ((object payload, string? participant) in events)
        {
            if (!IsEnded)
            {
                Publish(payload, participant);
            }
        }

        if (record.Ended)
        {
            End(DeadLetterReason.SessionEnded);
        }

        Interleaving.Point();
        item?.Complete();
        return !IsEnded;
    }

    /// <summary>
    /// The turn could not be stored: its caller hears why (not its handler's result), its events are dropped, and the
    /// session leaves memory, so the next message loads the last committed turn from the store.
    /// </summary>
    private void CommitFailed(MailboxItem? item, Exception exception)
    {
        SessionDurability durable = durability!;
        durable.Discard();
        durable.Unloading = true;
        Exception failure = exception switch
        {
            SessionStoreConflictException when durable.Version == 0 => new SessionAlreadyExistsException(Id),
            SessionException => exception,
            _ => new SessionStateException(Id, $"Session '{Id}' of process '{Definition.ProtocolName}' could not be stored: {exception.Message}", exception),
        };
        item?.FailOutcome(failure);

        // The session did not end (the store has it as it was): what it had accepted behind this turn goes to it as
        // the store has it, loaded again, in order; nothing is answered as if the session had ended.
        // The mailbox closes with the session marked as leaving memory (a sender it refuses loads it again, and waits for
        // that load), and what it held is kept for that load, which queues it ahead of those senders.
        (MailboxEntry[] queued, MailboxItem[] waiting) = Host.IsStopping ? ([], []) : CloseMailboxToLeave();
        DrainMarker? unloading = TakeDrainMarker(ref queued);
        bool requeue = queued.Length + waiting.Length > 0;
        if (requeue)
        {
            Host.KeepForReload(this, queued, waiting);
        }

        End(Host.IsStopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded, closedBy: Host.IsStopping ? null : ([], []));
        if (requeue)
        {
            _ = Host.RequeueAsync(this);
        }

        unloading?.Complete();
        item?.Complete();

        // The store still holds the last committed turn's pending timeouts, and nothing else would bring the session
        // back to run them: a wake-up does, when the earliest is due (an overdue one, the failed turn's own say, is
        // retried a second later rather than at once against a store that has just failed).
        if (!Host.IsStopping && durable.CommittedWakeUpAt is { } due)
        {
            TimeSpan delay = due - Host.TimeProvider.GetUtcNow();
            Host.ArmWakeUp(Definition, Id, delay > TimeSpan.Zero ? delay : FailedWakeUpRetry);
        }
    }

    /// <summary>
    /// Takes an unload's drain marker (<see cref="SessionHost.UnloadAsync"/>) out of what a session leaving after a failed
    /// write had accepted: the session has left memory, which is all the unload asked; requeued on its next load, the
    /// marker would unload that one too and answer the senders queued behind it (those who waited for the load) as if
    /// the session had ended.
    /// </summary>
    private static DrainMarker? TakeDrainMarker(ref MailboxEntry[] queued)
    {
        // Senders' messages are refused after it, but the runtime's own items (a timeout) may follow it: look everywhere.
        int at = Array.FindIndex(queued, static entry => entry.Item is DrainMarker);
        if (at < 0)
        {
            return null;
        }

        var marker = (DrainMarker)queued[at].Item!;
        queued = [.. queued[..at], .. queued[(at + 1)..]];
        return marker;
    }

    private (MailboxEntry[] Queued, MailboxItem[] Waiting) CloseMailboxToLeave()
    {
        using (MailboxGate.Hold())
        {
            passivated = true;
            return mailbox.Close();
        }
    }

    /// <summary>Completes once this durable session has left its host's registry; null for a session that is not durable.</summary>
    internal Task? LeftRegistry => durability?.Left;

    private static readonly TimeSpan FailedWakeUpRetry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Queues, on this (reloaded) session, an entry another instance of it had accepted; false when it cannot, or when its
    /// sender has cancelled (see <see cref="TryRequeue"/>).
    /// </summary>
    internal bool Repost(in MailboxEntry entry)
    {
        if (entry.Item is { } item)
        {
            // Moved before the gate is taken: a withdrawal that reads the instance after the cancellation it follows then
            // finds this one, and one that read the old instance left a cancellation the gate's hold sees (both fenced).
            item.MoveTo(this);
            return TryRequeue(item) is EnqueueResult.Accepted or EnqueueResult.Waiting;
        }

        return TryPostOneWay(entry) == EnqueueResult.Accepted;
    }

    private CorrelationKey[] Keys
    {
        get
        {
            if (Volatile.Read(ref extras) is not { } rare)
            {
                return [];
            }

            lock (rare)
            {
                return rare.Keys;
            }
        }
    }
}
