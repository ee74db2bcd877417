using System.Collections.Concurrent;
using System.Text.Json;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>Durable sessions: loading them from the store on demand, and waking them after a restart.</summary>
public sealed partial class SessionHost
{
    // How many recent events a durable session's record keeps when the host retains none in memory.
    private const int DefaultStoredEventCount = 100;

    private readonly ConcurrentDictionary<SessionId, SessionLoad> loads = new();
    private int loadsInFlight;
    private readonly ConcurrentDictionary<(string Process, CorrelationKey Key), KeyLookup> keyLookups = new();
    private int keyLookupsInFlight;
    private readonly ConcurrentDictionary<(SessionId Id, string Operation), NameLookup> nameLookups = new();
    private int nameLookupsInFlight;
    // By instance, not by id: two instances that share an id (sessions of two processes under an id a client chose, or
    // two instances of one session) each keep their own, and one keep never replaces another's (see KeepForReload).
    private readonly ConcurrentDictionary<SessionContext, Leftovers> leftovers = new(ReferenceEqualityComparer.Instance);
    private long keeps;
    private ISessionStore? store;
    private TimeSpan passivateAfter;
    private int sweeping;
    private JsonSerializerOptions serializerOptions = null!;

    /// <summary>Where durable sessions are kept (<see cref="SessionHostOptions.Store"/>), or null.</summary>
    public ISessionStore? Store => store;

    /// <summary>
    /// After a restart over a store that holds sessions: arms a wake-up for every stored session with a pending timeout,
    /// so each timeout fires once, when due; sessions whose timeouts are overdue are loaded at once, in due order, and
    /// their overdue timeouts run at once, in due order. Other sessions load on their next message (their handled
    /// message ids, kept in their records, come back with them).
    /// </summary>
    /// <exception cref="InvalidOperationException">The host has no store; or the store holds pending timeouts of durable
    /// processes this application does not declare (the others are armed before this is thrown).</exception>
    public async Task RecoverAsync(CancellationToken cancellationToken = default)
    {
        ISessionStore source = store ?? throw new InvalidOperationException("This host has no store to recover from: set SessionHostOptions.Store.");
        var wakeUps = new List<SessionWakeUp>();
        await foreach (SessionWakeUp wakeUp in source.ReadWakeUpsAsync(cancellationToken).ConfigureAwait(false))
        {
            wakeUps.Add(wakeUp);
        }

        wakeUps.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
        var unknown = new SortedSet<string>(StringComparer.Ordinal);
        DateTimeOffset now = TimeProvider.GetUtcNow();
        foreach (SessionWakeUp wakeUp in wakeUps)
        {
            SessionProcessDefinition? definition = DurableProcessCatalog.Find(wakeUp.Process);
            if (definition is null)
            {
                unknown.Add(wakeUp.Process);
            }
            else if (wakeUp.DueAt <= now)
            {
                await LoadAsync(definition, wakeUp.Id, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                ArmWakeUp(definition, wakeUp.Id, wakeUp.DueAt - now);
            }
        }

        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The store holds sessions with pending timeouts of processes this application does not declare as durable: {string.Join(", ", unknown)}. Those sessions were not woken.");
        }
    }

    /// <summary>
    /// Makes sure session <paramref name="id"/> is in memory: a durable session that is only in the store (after a
    /// restart, or passivated) is loaded, as its next message would load it. Transports call it before
    /// <see cref="Subscribe(SessionId, string?, long, out long)"/>, which only sees sessions in memory.
    /// </summary>
    /// <returns>True when the session runs on this host now; false when neither memory nor the store has it (or it ended).</returns>
    /// <exception cref="SessionStateException">The stored session cannot be loaded.</exception>
    public async ValueTask<bool> LoadAsync(SessionId id, CancellationToken cancellationToken = default)
    {
        if (registry.TryGet(id, out SessionContext? running) && !running!.IsEnded && !running.IsUnloaded)
        {
            return true;
        }

        if (store is null || registry.IsStopping)
        {
            return false;
        }

        foreach (SessionProcessDefinition definition in DurableProcessCatalog.All)
        {
            if (await LoadAsync(definition, id, cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// As <see cref="LoadAsync(SessionId, CancellationToken)"/>, for a session of <paramref name="process"/> only: a
    /// stored session of another process under the same id is not loaded. For hosts that address sessions by process
    /// and id (SessionGen.Orleans' grain of <c>"{process}/{id}"</c> must not load another process's session <c>id</c>,
    /// or two silos would run it).
    /// </summary>
    /// <returns>True when a session of <paramref name="process"/> runs on this host now; false otherwise (none, ended,
    /// or the session in memory under <paramref name="id"/> is of another process).</returns>
    /// <exception cref="SessionStateException">The stored session cannot be loaded.</exception>
    public async ValueTask<bool> LoadOfProcessAsync(string process, SessionId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (registry.TryGet(id, out SessionContext? running) && !running!.IsEnded && !running.IsUnloaded)
        {
            return running.Definition.ProtocolName == process;
        }

        if (store is null || registry.IsStopping || DurableProcessCatalog.Find(process) is not { } definition)
        {
            return false;
        }

        // A session of another process may have taken the id while the store was read (the load then finds that one).
        return await LoadAsync(definition, id, cancellationToken).ConfigureAwait(false) is { } loaded && loaded.Definition == definition;
    }

    /// <summary>
    /// Takes durable session <paramref name="id"/> out of this host's memory without ending it in the store: what it
    /// had accepted is handled first (each turn stored), then it leaves, as every durable session does when its host
    /// stops. A later message (here or on another host over the same store) loads it again. For hosts that decide
    /// elsewhere where a session lives (SessionGen.Orleans unloads a session when its grain deactivates).
    /// </summary>
    /// <returns>True once the session has left memory; false when it was not in memory (or had ended).</returns>
    /// <exception cref="InvalidOperationException">The session is not durable: it would be lost.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the
    /// session's accepted messages were handled; it still leaves memory once they are.</exception>
    public ValueTask<bool> UnloadAsync(SessionId id, CancellationToken cancellationToken = default) => UnloadOfProcessAsync(null, id, cancellationToken);

    /// <summary>
    /// As <see cref="UnloadAsync(SessionId, CancellationToken)"/>, for a session of <paramref name="process"/> only
    /// (null: of any process): a session of another process under the same id stays (SessionGen.Orleans' grain of
    /// <c>"{process}/{id}"</c> unloads its own session as it deactivates, never another process's under its id).
    /// </summary>
    internal async ValueTask<bool> UnloadOfProcessAsync(string? process, SessionId id, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(id, out SessionContext? running) || running!.IsEnded
            || (process is not null && running.Definition.ProtocolName != process))
        {
            return false;
        }

        if (!running.IsDurable)
        {
            throw new InvalidOperationException($"Session '{id}' of process '{running.Definition.ProtocolName}' is not durable: unloading it would lose it.");
        }

        var marker = new DrainMarker();
        running.BeginUnload();
        if (!running.TryPostDrainMarker(marker, unloaded: true))
        {
            return false;
        }

        await marker.Drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The running session <paramref name="id"/>, loaded from the store if it is not in memory; null when the store has
    /// no such session, or it has ended. For callers that do not queue a message (see <see cref="EnterAsync"/>).
    /// </summary>
    /// <exception cref="SessionStateException">The stored session cannot be loaded.</exception>
    internal async ValueTask<SessionContext?> LoadAsync(SessionProcessDefinition definition, SessionId id, CancellationToken cancellationToken)
    {
        (SessionContext? session, SessionLoad? turn) = await EnterAsync(definition, id, cancellationToken).ConfigureAwait(false);
        turn?.Leave();
        return session;
    }

    /// <summary>
    /// The running session <paramref name="id"/> (loaded from the store if need be), for a sender about to queue a
    /// message: while a load is under way, senders take turns in the order they came (<see cref="SessionLoad"/>), and
    /// the caller must end its turn with <see cref="TurnQueue{T}.Leave"/> once its message is queued (see <see cref="InTurnAsync"/>).
    /// </summary>
    internal async ValueTask<(SessionContext? Session, SessionLoad? Turn)> EnterAsync(SessionProcessDefinition definition, SessionId id, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<SessionContext?> turn;
            if (loads.TryGetValue(id, out SessionLoad? load))
            {
                turn = load.WaitTurnAsync(cancellationToken);
            }
            else
            {
                if (registry.TryGet(id, out SessionContext? running) && !running!.IsEnded && !running.IsUnloaded)
                {
                    return (running, null);
                }

                if (registry.IsStopping)
                {
                    throw StoppedError();
                }

                var mine = new SessionLoad(definition, id, Loaded);
                load = loads.GetOrAdd(id, mine);

                // In line before the load starts: a load that completes at once (a store that answers synchronously)
                // would otherwise find nobody waiting and leave the table, and each later sender start a line of its own.
                Task<SessionContext?> entered = load.Enter();
                if (load == mine)
                {
                    Interlocked.Increment(ref loadsInFlight);
                    _ = RunLoadAsync(definition, mine);
                }

                turn = load.WaitTurnAsync(entered, cancellationToken);
            }

            SessionContext? loaded = await turn.ConfigureAwait(false);
            if (await InTurnAsync(load, loaded, definition, cancellationToken).ConfigureAwait(false) is { } ready)
            {
                return ready;
            }
        }
    }

    /// <summary>
    /// This sender's turn on <paramref name="load"/> has come with <paramref name="loaded"/>: the session to queue on (held
    /// turn and all), or null when the load was another process's and found nothing (the sender has left, and looks anew).
    /// A session that has left memory again by the sender's turn is loaded again by that sender, still holding its turn
    /// (<see cref="ReloadInTurnAsync"/>), so those behind it stay behind it.
    /// </summary>
    private async ValueTask<(SessionContext? Session, SessionLoad? Turn)?> InTurnAsync(
        SessionLoad load, SessionContext? loaded, SessionProcessDefinition definition, CancellationToken cancellationToken)
    {
        // A load for another process of the same id that found nothing says nothing of this process's session.
        if (loaded is null && load.Definition != definition)
        {
            load.Leave();
            await Task.Yield();
            return null;
        }

        if (loaded is not null && (loaded.IsEnded || loaded.IsUnloaded))
        {
            try
            {
                loaded = await ReloadInTurnAsync(load, loaded, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                load.Leave();
                throw;
            }
        }

        return (loaded, load);
    }

    /// <summary>
    /// For the sender holding the turn of <paramref name="load"/>: <paramref name="gone"/>, what the load found, has left
    /// memory (or ended) since. Once it has left the registry, the session is read from the store again, and that is what
    /// this sender and those behind it get, in their turns: they keep the order they came in, whatever left memory.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the caller leaves
    /// its turn, and the next sender in line loads the session again itself.</exception>
    private async Task<SessionContext?> ReloadInTurnAsync(SessionLoad load, SessionContext gone, CancellationToken cancellationToken)
    {
        while (true)
        {
            while (registry.TryGet(load.Id, out SessionContext? registered) && registered == gone)
            {
                if (registry.IsStopping)
                {
                    throw StoppedError();
                }

                // A session that is not durable (another process's, registered under this id as the load ran) keeps no
                // signal of its own: the registry says when a session leaves. Spinning here ignored the caller's token.
                await (gone.LeftRegistry ?? registry.Departure(load.Id, gone)).WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (registry.IsStopping)
            {
                throw StoppedError();
            }

            // The outcome of the line from now on, before this sender can give up: if it does, the next sender's turn
            // comes with this reload once it finishes (TurnQueue.Give), rather than starting a second load beside it.
            Task<SessionContext?> again = LoadOnceAsync(load.Definition, load.Id);
            load.Replace(again);
            try
            {
                await again.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (again.IsCompleted)
            {
                // Those behind get the exception in their turns, as from the first load.
            }

            SessionContext? found = await again.ConfigureAwait(false);
            if (found is null || (!found.IsEnded && !found.IsUnloaded))
            {
                return found;
            }

            gone = found;
        }
    }

    /// <summary>
    /// Queues a message on session <paramref name="id"/>, loading it first if need be: <paramref name="queue"/> runs
    /// with the session (null when neither memory nor the store has it) while this sender holds its turn among those
    /// waiting for the load, so their messages keep their order; its result is what it queued (a pending answer, a flag).
    /// </summary>
    internal ValueTask<T> QueueOnLoadedAsync<T>(
        SessionProcessDefinition definition, SessionId id, Func<SessionContext?, T> queue, CancellationToken cancellationToken) =>
        QueueOnLoadedAsync(definition, id, queue, refusedAsLeaving: null, cancellationToken);

    /// <summary>
    /// As <see cref="QueueOnLoadedAsync{T}(SessionProcessDefinition, SessionId, Func{SessionContext?, T}, CancellationToken)"/>;
    /// when <paramref name="refusedAsLeaving"/> says the session refused the message because it was leaving memory, the
    /// session is loaded again and <paramref name="queue"/> runs again, this sender still holding its turn: those behind
    /// it (the same sender's later messages among them) stay behind it across the reload.
    /// </summary>
    internal async ValueTask<T> QueueOnLoadedAsync<T>(
        SessionProcessDefinition definition, SessionId id, Func<SessionContext?, T> queue, Func<SessionContext?, T, bool>? refusedAsLeaving, CancellationToken cancellationToken)
    {
        (SessionContext? session, SessionLoad? turn) = await EnterAsync(definition, id, cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                T queued = queue(session);
                if (refusedAsLeaving is null || session is null || !refusedAsLeaving(session, queued))
                {
                    return queued;
                }

                if (turn is null)
                {
                    // Found in memory, without waiting: it is leaving now, and this sender is the first to wait for its
                    // next load (entered before this returns, so before the sender's next message).
                    (session, turn) = await EnterAsync(definition, id, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    session = await ReloadInTurnAsync(turn, session, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            turn?.Leave();
        }
    }

    private async Task RunLoadAsync(SessionProcessDefinition definition, SessionLoad load)
    {
        Task<SessionContext?> loading = LoadOnceAsync(definition, load.Id);
        try
        {
            await loading.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each waiting sender gets the exception in its turn.
        }

        load.Complete(loading);
    }

    private void Loaded(SessionLoad load)
    {
        loads.TryRemove(new KeyValuePair<SessionId, SessionLoad>(load.Id, load));
        Interlocked.Decrement(ref loadsInFlight);
    }

    /// <summary>
    /// What a durable session had accepted when it left memory after a failed write, kept (<see cref="KeepForReload"/>)
    /// before anyone could see it refuse a message: it goes to the session as the store has it, loaded again, in order,
    /// ahead of every sender waiting for that load (<see cref="LoadOnceAsync"/> queues it before anyone's turn); its
    /// stored timeouts come back with the record instead. This load is made for it in case nobody else loads the
    /// session; what cannot be queued there is answered and dead-lettered, never dropped.
    /// </summary>
    /// <remarks>
    /// Counted as a late filer of dead letters (<see cref="CountOutlivingTurn"/>) from <see cref="KeepForReload"/>, before
    /// the session leaves the registry, until this has run: a host that stops meanwhile completes its dead-letter
    /// subscriptions only after what this could not requeue is filed there.
    /// </remarks>
    internal async Task RequeueAsync(SessionContext left)
    {
        try
        {
            Exception? failure = null;
            try
            {
                await LoadAsync(left.Definition, left.Id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            // Between this load's turn and the look below, those behind in its line (another process's senders, to a
            // session of that process under this id) may queue, fail a write and keep for their own next load.
            Interleaving.Point();

            // Still kept: no load took it (the store has no such session any more, or it could not be loaded). Looked at
            // again when a cancelled sender took itself out meanwhile (TryWithdrawKept), or it would be kept for ever.
            while (leftovers.TryGetValue(left, out Leftovers? kept))
            {
                if (leftovers.TryRemove(new KeyValuePair<SessionContext, Leftovers>(left, kept)))
                {
                    // The host stopped before the load could queue them (the load failed for it, or failed otherwise and
                    // the host is stopping now): filed as HostStopping, as the end path does; the session did not end.
                    kept.Reject(failure ?? SessionNotFoundException.NoSuchSession(left.Id), registry.IsStopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded);
                    return;
                }
            }
        }
        finally
        {
            OutlivingTurnLeft();
        }
    }

    /// <summary>
    /// Takes <paramref name="item"/> (its sender cancelled) out of what <paramref name="left"/> kept for its next load;
    /// says where it was: <see cref="ItemPlace.Queued"/> (accepted), <see cref="ItemPlace.Waiting"/>, or
    /// <see cref="ItemPlace.None"/> when it is not kept (any more: a load may have queued it already).
    /// </summary>
    internal ItemPlace TryWithdrawKept(SessionContext left, MailboxItem item)
    {
        while (!leftovers.IsEmpty && leftovers.TryGetValue(left, out Leftovers? kept))
        {
            if (kept.Without(item, out ItemPlace place) is not { } rest)
            {
                return ItemPlace.None;
            }

            if (leftovers.TryUpdate(left, rest, kept))
            {
                return place;
            }
        }

        return ItemPlace.None;
    }

    /// <summary>
    /// Keeps what <paramref name="left"/> had accepted (its mailbox is closed, it is leaving memory after a failed write), or the senders an unload turned away while they waited for room,
    /// for its next load, which queues it first; called before the session leaves the registry, so before any load can
    /// register its next instance.
    /// </summary>
    /// <remarks>
    /// An instance keeps twice when an unload turned away the senders waiting for room and a write then failed before it
    /// left: both are kept, the accepted messages first (the waiting senders were behind them), never one over the other.
    /// Kept by instance: another instance under the same id (another process's session under an id a client chose, or
    /// a second instance of this session) that keeps before this one's requeue has run keeps beside it, and each
    /// instance's requeue answers its own. Keyed by id, the second keep replaced the first, whose accepted messages were
    /// then neither queued nor answered.
    /// </remarks>
    internal void KeepForReload(SessionContext left, MailboxEntry[] queued, MailboxItem[] waiting)
    {
        // Each keep is followed by its RequeueAsync, which may file dead letters after the host has stopped: counted
        // here, while the session is still registered, so a stop cannot complete the dead-letter subscriptions first.
        CountOutlivingTurn();
        leftovers.AddOrUpdate(
            left,
            static (_, kept) => kept,
            static (_, earlier, kept) => earlier.With(kept),
            new Leftovers(left, queued, waiting, Interlocked.Increment(ref keeps)));
    }

    /// <summary>True while messages are kept for session <paramref name="id"/>'s next load (see <see cref="KeepForReload"/>); for tests.</summary>
    internal bool HasKeptForReload(SessionId id) => leftovers.Keys.Any(left => left.Id == id);

    /// <summary>Queues on <paramref name="session"/>, just registered by a load, what its previous instance had accepted.</summary>
    private void RequeueLeftovers(SessionContext session)
    {
        // What each earlier instance of this session kept, in the order they kept it; looked at again when a cancelled
        // sender took itself out of one meanwhile (TryWithdrawKept), or another instance's requeue took it.
        while (!leftovers.IsEmpty && EarliestKeptFor(session) is { } kept)
        {
            if (leftovers.TryRemove(new KeyValuePair<SessionContext, Leftovers>(kept.Left, kept)))
            {
                Requeue(session, kept);
            }
        }
    }

    /// <summary>What the earliest earlier instance of <paramref name="session"/> (its process, its id) kept; null when none.</summary>
    private Leftovers? EarliestKeptFor(SessionContext session)
    {
        Leftovers? earliest = null;
        foreach (KeyValuePair<SessionContext, Leftovers> kept in leftovers)
        {
            if (kept.Key != session && kept.Key.Id == session.Id && kept.Key.Definition == session.Definition
                && (earliest is null || kept.Value.Order < earliest.Order))
            {
                earliest = kept.Value;
            }
        }

        return earliest;
    }

    private void Requeue(SessionContext session, Leftovers kept)
    {
        foreach ((MailboxEntry entry, bool accepted) in kept.EntriesAndPlaces())
        {
            // Once queued it is left alone: it may run, be answered and go back to its sender's pool at once. A sender
            // that cancelled once this took its message from the kept list (its withdrawal found it neither there nor on
            // the instance it looked at) is refused by the repost, which reads the cancellation under the new instance's
            // gate after moving the item there, and is answered here; one that cancels later finds it queued there.
            if (session.Repost(entry))
            {
                continue;
            }

            if (entry.Item is { } item && item.TryAnswerCancelled(session, accepted))
            {
                continue;
            }

            // A sender that only waited for room was never accepted: told, not filed. Refused because the host began to
            // stop once the load had registered the session: filed (and told) as such, not as an end the session never had.
            bool stopping = registry.IsStopping;
            entry.Reject(
                kept.Left,
                stopping ? StoppedError() : SessionNotFoundException.NoSuchSession(session.Id),
                accepted ? (stopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded) : null);
        }
    }

    /// <summary>What a session that left memory after a failed write had accepted (see <see cref="KeepForReload"/>).</summary>
    private sealed class Leftovers(SessionContext left, MailboxEntry[] queued, MailboxItem[] waiting, long order)
    {
        public SessionContext Left { get; } = left;

        /// <summary>When it was kept, among all keeps of the host: an earlier instance's go first.</summary>
        public long Order { get; } = order;

        private MailboxEntry[] Queued => queued;

        private MailboxItem[] Waiting => waiting;

        /// <summary>These and <paramref name="later"/>'s, of the same instance: accepted messages, then waiting senders.</summary>
        public Leftovers With(Leftovers later) => new(Left, [.. queued, .. later.Queued], [.. waiting, .. later.Waiting], Order);

        /// <summary>These without <paramref name="item"/>, and where it was; null when it is not among them.</summary>
        public Leftovers? Without(MailboxItem item, out ItemPlace place)
        {
            int at = Array.FindIndex(queued, entry => entry.Item == item);
            if (at >= 0)
            {
                place = ItemPlace.Queued;
                return new Leftovers(Left, [.. queued[..at], .. queued[(at + 1)..]], waiting, Order);
            }

            at = Array.IndexOf(waiting, item);
            if (at >= 0)
            {
                place = ItemPlace.Waiting;
                return new Leftovers(Left, queued, [.. waiting[..at], .. waiting[(at + 1)..]], Order);
            }

            place = ItemPlace.None;
            return null;
        }

        /// <summary>
        /// The accepted messages, then the senders that waited for room, each with whether it had been accepted (queued).
        /// Its timers are not requeued: they come back with the stored record.
        /// </summary>
        public IEnumerable<(MailboxEntry Entry, bool Accepted)> EntriesAndPlaces() =>
            queued.Select(static entry => (entry, true))
                .Concat(waiting.Select(static item => (new MailboxEntry(item), false)))
                .Where(static kept => kept.Item1.Item is not TimerEntry);

        /// <summary>
        /// Answers them all with <paramref name="failure"/>: an accepted message is also filed as a dead letter, for
        /// <paramref name="reason"/>; a sender that only waited for room was never accepted, and is told, not filed (as
        /// when a session ends).
        /// </summary>
        public void Reject(Exception failure, DeadLetterReason reason)
        {
            foreach ((MailboxEntry entry, bool accepted) in EntriesAndPlaces())
            {
                entry.Reject(Left, failure, accepted ? reason : null);
            }
        }
    }

    /// <summary>True while session <paramref name="id"/> is being loaded, or its waiting senders are still queuing their messages.</summary>
    internal bool IsLoading(SessionId id) => Volatile.Read(ref loadsInFlight) != 0 && loads.ContainsKey(id);

    /// <summary>True when a sender that did not find a session of <paramref name="definition"/> in memory should look in the store.</summary>
    internal bool MayLoad(SessionProcessDefinition definition, Exception? error) =>
        store is not null && definition.IsDurable && error is SessionNotFoundException && !registry.IsStopping;

    /// <summary>The durable state of a new session of <paramref name="definition"/>, or an error when the host cannot keep it.</summary>
    internal SessionDurability? NewDurability(SessionProcessDefinition definition, SessionId id, out Exception? error)
    {
        if (store is null)
        {
            error = new InvalidOperationException(
                $"Process '{definition.ProtocolName}' is durable, and this host has no store: set SessionHostOptions.Store (for example a SqliteSessionStore).");
            return null;
        }

        if (UnsupportedDurableSetting(definition.Settings) is { } setting)
        {
            error = new InvalidOperationException($"Process '{definition.ProtocolName}' is durable, which {setting}.");
            return null;
        }

        error = null;
        EnsurePassivationSweep();
        return new SessionDurability(store, serializerOptions, EventReplayCapacity > 0 ? EventReplayCapacity : DefaultStoredEventCount);
    }

    /// <summary>
    /// The settings a durable process cannot have, and why: a handler time limit answers the caller while the turn still
    /// runs, before it can be stored; a single session per host cannot be found in the store without its id, nor kept
    /// single across hosts.
    /// </summary>
    private static string? UnsupportedDurableSetting(SessionProcessSettings settings) =>
        settings.HandlerTimeLimit is not null
            ? "rules out HandlerTimeLimitSeconds: a time limit answers the caller before the turn is stored"
            : settings.Execution == ExecutionMode.Single
                ? "rules out ExecutionMode.Single: a stored single session cannot be found without its id, nor kept single across hosts"
                : null;

    private void ApplyDurabilityOptions(SessionHostOptions options)
    {
        store = options.Store;
        passivateAfter = options.PassivateAfter;
        if (passivateAfter <= TimeSpan.Zero && passivateAfter != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PassivateAfter, "PassivateAfter must be positive, or Timeout.InfiniteTimeSpan to keep durable sessions in memory.");
        }

        serializerOptions = options.SerializerOptions ?? DefaultSerializerOptions();
    }

    /// <summary>
    /// Without options of the app's: reflection-based contracts where the app allows them, else none, so that a
    /// trimmed or Native AOT app is told to give its source-generated context (see <see cref="SessionStateException"/>).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Used only when the app enables reflection-based serialization (not trimmed, not AOT).")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Used only when the app enables reflection-based serialization (not trimmed, not AOT).")]
    private static JsonSerializerOptions DefaultSerializerOptions() =>
        JsonSerializer.IsReflectionEnabledByDefault
            ? JsonSerializerOptions.Default
            : new JsonSerializerOptions { TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine() };

    private async Task<SessionContext?> LoadOnceAsync(SessionProcessDefinition definition, SessionId id)
    {
        // A sequential process runs one session at a time: a loaded one takes the turn as a starter does, and gives it
        // back when it leaves memory (registry.Forget). Taken before the store is read: an instance of this session still
        // leaving memory (an unload's last turns being stored) holds the turn until it has left, so what is read then is
        // what it stored; read first, the load registered the record as it was before those turns (a version conflict).
        if (definition.Settings.Execution == ExecutionMode.Sequential)
        {
            await registry.WaitForSequentialTurnAsync(definition, StoppingToken).ConfigureAwait(false);
        }

        SessionContext? session = null;
        bool registered = false;
        StoredSession stored;
        try
        {
            SessionRecord? record = await store!.ReadAsync(definition.ProtocolName, id, StoppingToken).ConfigureAwait(false);
            if (record is null || record.Ended)
            {
                return null;
            }

            // A store that hands out another session's record (or another process's) must not have it run as this one.
            if (record.Process != definition.ProtocolName || record.Id != id)
            {
                throw new SessionStateException(
                    id, $"Session '{id}' of process '{definition.ProtocolName}' cannot be loaded: the store returned the record of session '{record.Id}' of process '{record.Process}'.");
            }

            stored = StoredSession.Parse(record);
            session = new SessionContext(this, id, definition);
            session.MakeDurable(NewDurability(definition, id, out Exception? unsupported) ?? throw unsupported!);
            session.Bind(definition.CreateBoundProcess(session));
            try
            {
                session.RestoreState(record, stored);
            }
            catch (Exception exception) when (exception is not SessionStateException and not OutOfMemoryException)
            {
                throw new SessionStateException(
                    id, $"Session '{id}' of process '{definition.ProtocolName}' cannot be loaded: its stored record is unreadable ({exception.Message}).", exception);
            }

            if (!registry.TryRegister(session, id, record.Keys, out Exception? error))
            {
                if (registry.TryGet(id, out SessionContext? running))
                {
                    return running;
                }

                throw error!;
            }

            registered = true;
        }
        finally
        {
            // Whatever stopped the load before the session was registered: the turn it took (or the gate) is left.
            if (!registered)
            {
                registry.LeaveGate(session, definition);
            }
        }

        // Once registered: a timeout already due runs on the session's turn like any message. A timeout that cannot be
        // restored fails the load, and the half-loaded session leaves memory (its store keeps it as it was).
        try
        {
            session.RestoreTimeouts(stored);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            session.AbandonLoad();
            throw exception as SessionStateException ?? new SessionStateException(
                id, $"Session '{id}' of process '{definition.ProtocolName}' cannot be loaded: its stored timeouts are unreadable ({exception.Message}).", exception);
        }

        // Before any waiting sender's turn: what the session's previous instance had accepted goes first.
        RequeueLeftovers(session);
        session.MarkActive();
        session.StartIdleWatch();
        return session;
    }

    // How soon a wake-up that met another process's session under its id looks again.
    private static readonly TimeSpan ForeignWakeUpRetry = TimeSpan.FromSeconds(1);

    // A wake-up whose load failed (the store down) is tried again after 1 s, then twice as long each time, up to this.
    private static readonly TimeSpan FirstWakeUpRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWakeUpRetry = TimeSpan.FromMinutes(1);

    internal void ArmWakeUp(SessionProcessDefinition definition, SessionId id, TimeSpan delay) => ArmWakeUp(definition, id, delay, failures: 0);

    private void ArmWakeUp(SessionProcessDefinition definition, SessionId id, TimeSpan delay, int failures) =>
        Timers.ScheduleOnClock(delay, () => Timers.Track(WakeAsync(definition, id, failures)));

    /// <summary>How long after its <paramref name="failures"/>-th failed load a wake-up is tried again: 1 s, 2 s, 4 s, … a minute.</summary>
    internal static TimeSpan WakeUpRetryDelay(int failures) =>
        failures > 6 ? LongestWakeUpRetry : TimeSpan.FromTicks(FirstWakeUpRetry.Ticks << (failures - 1));

    /// <summary>Starts the periodic sweep that passivates idle durable sessions, once the host has one.</summary>
    internal void EnsurePassivationSweep()
    {
        if (passivateAfter == Timeout.InfiniteTimeSpan || Interlocked.Exchange(ref sweeping, 1) != 0)
        {
            return;
        }

        ArmSweep();
    }

    private void ArmSweep()
    {
        // A quarter of the idle time: a session leaves memory between 1 and 1.25 times PassivateAfter after its last turn.
        TimeSpan every = passivateAfter / 4 > TimeSpan.FromMilliseconds(1) ? passivateAfter / 4 : TimeSpan.FromMilliseconds(1);
        Timers.ScheduleOnClock(every, Sweep);
    }

    private void Sweep()
    {
        if (registry.IsStopping)
        {
            return;
        }

        long idleSince = TimeProvider.GetTimestamp() - (long)(passivateAfter.TotalSeconds * TimeProvider.TimestampFrequency);
        foreach (SessionContext session in registry.Running)
        {
            if (session.IsDurable)
            {
                session.TryPassivate(idleSince);
            }
        }

        ArmSweep();
    }

    private async Task WakeAsync(SessionProcessDefinition definition, SessionId id, int failures)
    {
        try
        {
            // A session of another process under the id (a client chose it) is not this one: the stored session stays
            // in the store with its timeout due, and nothing else would load it. The wake-up is armed again, and loads
            // it once that session has left (a stopping host leaves it to the next host's RecoverAsync).
            if (await LoadAsync(definition, id, StoppingToken).ConfigureAwait(false) is { } found && found.Definition != definition && !registry.IsStopping)
            {
                ArmWakeUp(definition, id, ForeignWakeUpRetry);
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Notify(static (observer, failed) => observer.WakeUpFailed(failed.id, failed.definition.ProtocolName, failed.exception), (id, definition, exception));

            // Nothing else loads the session, and its timeout stays due in the store: tried again, later each time, until
            // a load succeeds (a message may load it first: the wake-up then finds it in memory) or the host stops. Not
            // a record that does not load (SessionStateException): trying again reads the same record.
            if (!registry.IsStopping && exception is not SessionStateException)
            {
                failures = Math.Min(failures + 1, 7);
                ArmWakeUp(definition, id, WakeUpRetryDelay(failures), failures);
            }
        }
    }
}
