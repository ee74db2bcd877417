using System.Buffers;
using System.Text.Json;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// What a durable session keeps beside its process instance: the version of its last committed record, the events its
/// running turn emitted (published only once the turn is committed), its recent-event log and its pending named
/// timeouts. Touched only on the session's turn.
/// </summary>
internal sealed class SessionDurability
{
    private readonly List<(object Payload, string? Participant)> unpublished = new();
    private readonly List<DurableTimer> timers = new();
    private List<StoredEvent> recentEvents = new();
    private List<StoredEvent>? capturedEvents;
    private List<StoredHandledId> handledIds = new();
    private List<StoredHandledId>? capturedIds;
    private SessionRecord? lastCommitted;

    public SessionDurability(ISessionStore store, JsonSerializerOptions options, int eventLogCapacity)
    {
        Store = store;
        Options = options;
        EventLogCapacity = eventLogCapacity;
    }

    public ISessionStore Store { get; }

    public JsonSerializerOptions Options { get; }

    /// <summary>How many recent events each record keeps, so subscribers resume after a restart.</summary>
    public int EventLogCapacity { get; }

    private long lastActive;

    // Made by the first sender that waits for the session to leave its host's registry (see Left); the session leaves
    // only once, so a completed one stands for "already left".
    private static readonly TaskCompletionSource<bool> LeftAlready = CompletedLeft();
    private TaskCompletionSource<bool>? left;

    /// <summary>
    /// Completes once the session has left its host's registry (it ended there, or left memory): a sender holding the
    /// turn of its next load waits for that before loading it again, as the registry takes one instance per id.
    /// </summary>
    public Task Left
    {
        get
        {
            TaskCompletionSource<bool>? current = Volatile.Read(ref left);
            if (current is null)
            {
                var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                current = Interlocked.CompareExchange(ref left, mine, null) ?? mine;
            }

            return current.Task;
        }
    }

    /// <summary>The session has left its host's registry: whoever waits for <see cref="Left"/> goes on.</summary>
    public void MarkLeft() => Interlocked.Exchange(ref left, LeftAlready)?.TrySetResult(true);

    private static TaskCompletionSource<bool> CompletedLeft()
    {
        var done = new TaskCompletionSource<bool>();
        done.SetResult(true);
        return done;
    }

    /// <summary>When the session last committed a turn or was loaded (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastActive
    {
        get => Volatile.Read(ref lastActive);
        set => Volatile.Write(ref lastActive, value);
    }

    /// <summary>When the earliest pending named timeout is due, or null.</summary>
    public DateTimeOffset? EarliestPendingTimeout()
    {
        DateTimeOffset? earliest = null;
        foreach (DurableTimer timer in timers)
        {
            if (timer.IsPending && (earliest is null || timer.DueAt < earliest))
            {
                earliest = timer.DueAt;
            }
        }

        return earliest;
    }

    /// <summary>When the last committed record's earliest pending timeout is due (what the store will wake the session for), or null.</summary>
    public DateTimeOffset? CommittedWakeUpAt => lastCommitted?.WakeUpAt;

    /// <summary>The version of the last committed record (0 before the first).</summary>
    public long Version { get; set; }

    /// <summary>The sequence number of the last committed event.</summary>
    public long LastEventSequence { get; private set; }

    /// <summary>
    /// Set when the session leaves memory without ending (the host stops, the session passivates, a commit failed):
    /// its last committed record stays as it is, so nothing more is written.
    /// </summary>
    public bool Unloading { get; set; }

    /// <summary>The events of the running turn, each to be published once the turn is committed.</summary>
    public IReadOnlyList<(object Payload, string? Participant)> Unpublished => unpublished;

    public IReadOnlyList<StoredEvent> RecentEvents => recentEvents;

    public void Defer(object payload, string? participant) => unpublished.Add((payload, participant));

    public void Track(TimerEntry entry, DateTimeOffset dueAt) => timers.Add(new DurableTimer(entry, dueAt));

    /// <summary>
    /// True when <paramref name="record"/> says nothing the last committed one did not (a turn that only read): it
    /// need not be written, and costs no flush.
    /// </summary>
    public bool Unchanged(SessionRecord record, out SessionRecord last) =>
        (last = lastCommitted!) is not null && unpublished.Count == 0 && !record.Ended
        && record.WakeUpAt == last.WakeUpAt
        && record.Data.Span.SequenceEqual(last.Data.Span)
        && record.Keys.SequenceEqual(last.Keys);

    /// <summary>The turn is committed: its events count from now on and may be published (the caller does, in order).</summary>
    public void Committed(SessionRecord record)
    {
        lastCommitted = record;
        Version = record.Version;
        LastEventSequence += unpublished.Count;
        recentEvents = capturedEvents ?? recentEvents;
        capturedEvents = null;
        handledIds = capturedIds ?? handledIds;
        capturedIds = null;
        unpublished.Clear();
    }

    /// <summary>The turn was not committed: its events are never published.</summary>
    public void Discard()
    {
        capturedEvents = null;
        capturedIds = null;
        unpublished.Clear();
    }

    /// <summary>Puts back what a loaded record says about events: the last sequence number and the recent log.</summary>
    public void RestoreEvents(SessionRecord record, long lastSequence, List<StoredEvent> recent, List<StoredHandledId> ids)
    {
        lastCommitted = record;
        handledIds = ids;
        LastEventSequence = lastSequence;
        recentEvents = recent;
    }

    /// <summary>
    /// The record of the turn that has just run (not yet committed): the process's fields, protocol state, pending
    /// timeouts, events and keys; an <paramref name="ended"/> session keeps only its events.
    /// </summary>
    public SessionRecord Capture(SessionContext session, MailboxItem? item, bool ended, IReadOnlyList<CorrelationKey> keys)
    {
        string process = session.Definition.ProtocolName;
        var buffer = new ArrayBufferWriter<byte>(512);
        DateTimeOffset? wakeUpAt = null;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber(StoredFormat.Version, StoredFormat.CurrentVersion);
            if (!ended)
            {
                json.WriteStartObject(StoredFormat.Fields);
                ((IDurableProcess)session.Process).WriteState(new SessionStateWriter(json, Options, process));
                json.WriteEndObject();
                json.WriteNumber(StoredFormat.State, session.State);
                wakeUpAt = WriteTimeouts(json, process);
            }

            WriteEvents(json, session.Id, process);
            WriteHandledIds(json, session, item, process);
            json.WriteEndObject();
        }

        return new SessionRecord(process, session.Id, Version + 1, ended, buffer.WrittenMemory, ended ? [] : keys, wakeUpAt);
    }

    private DateTimeOffset? WriteTimeouts(Utf8JsonWriter json, string process)
    {
        if (timers.Count > 0)
        {
            timers.RemoveAll(static timer => !timer.IsPending);
        }

        DateTimeOffset? earliest = null;
        json.WriteStartArray(StoredFormat.Timeouts);
        // In due order, ties in the order scheduled (OrderBy is stable); most sessions have none or one.
        IEnumerable<DurableTimer> inDueOrder = timers.Count > 1 ? timers.OrderBy(static timer => timer.DueAt) : timers;
        foreach (DurableTimer timer in inDueOrder)
        {
            json.WriteStartObject();
            json.WriteString(StoredFormat.TimeoutName, timer.Entry.DurableName);
            json.WriteString(StoredFormat.TimeoutDue, timer.DueAt);
            json.WriteStartObject(StoredFormat.TimeoutArguments);
            timer.Entry.WriteArguments(new SessionStateWriter(json, Options, process));
            json.WriteEndObject();
            json.WriteEndObject();
            earliest ??= timer.DueAt;
        }

        json.WriteEndArray();
        return earliest;
    }

    /// <summary>The ids handled within the host's deduplication window (the newest <see cref="StoredMessageIds.MostKept"/>), this turn's included.</summary>
    private void WriteHandledIds(Utf8JsonWriter json, SessionContext session, MailboxItem? item, string process)
    {
        DateTimeOffset now = session.Host.TimeProvider.GetUtcNow();
        DateTimeOffset windowStart = now - session.Host.DeduplicationWindow;
        bool carriesId = item is { CarriesMessageId: true };
        List<StoredHandledId> ids = handledIds;
        if (carriesId || (ids.Count > 0 && ids[0].HandledAt <= windowStart))
        {
            // A copy: the committed list changes only once this turn is committed (Committed), never before.
            ids = handledIds.Where(id => id.HandledAt > windowStart).ToList();
        }

        if (carriesId)
        {
            var buffer = new ArrayBufferWriter<byte>(128);
            using (var entry = new Utf8JsonWriter(buffer))
            {
                if (item!.TryWriteHandledId(entry, Options, process, now))
                {
                    entry.Flush();
                    ids.Add(new StoredHandledId(now, buffer.WrittenMemory.ToArray()));
                }
            }

            if (ids.Count > StoredMessageIds.MostKept)
            {
                ids.RemoveRange(0, ids.Count - StoredMessageIds.MostKept);
            }
        }

        capturedIds = ids;
        json.WriteStartArray(StoredFormat.HandledIds);
        foreach (StoredHandledId id in ids)
        {
            json.WriteRawValue(id.Entry.Span, skipInputValidation: true);
        }

        json.WriteEndArray();
    }

    private void WriteEvents(Utf8JsonWriter json, SessionId id, string process)
    {
        // The log the record will hold once committed: the recent events, then this turn's, keeping the newest.
        List<StoredEvent> log = recentEvents;
        if (unpublished.Count > 0)
        {
            log = new List<StoredEvent>(recentEvents);
            long sequence = LastEventSequence;
            foreach ((object payload, string? participant) in unpublished)
            {
                log.Add(new StoredEvent(++sequence, participant, payload.GetType().Name, StoredFormat.SerializeEvent(payload, Options, id, process)));
            }

            if (log.Count > EventLogCapacity)
            {
                log.RemoveRange(0, log.Count - EventLogCapacity);
            }
        }

        capturedEvents = log;
        json.WriteStartObject(StoredFormat.Events);
        json.WriteNumber(StoredFormat.LastSequence, LastEventSequence + unpublished.Count);
        json.WriteStartArray(StoredFormat.Recent);
        foreach (StoredEvent stored in log)
        {
            json.WriteStartObject();
            json.WriteNumber(StoredFormat.Sequence, stored.Sequence);
            if (stored.Participant is not null)
            {
                json.WriteString(StoredFormat.Participant, stored.Participant);
            }

            json.WriteString(StoredFormat.EventType, stored.Type);

            json.WritePropertyName(StoredFormat.Payload);
            json.WriteRawValue(stored.Payload.Span, skipInputValidation: true);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
