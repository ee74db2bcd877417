using System.Collections.Concurrent;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// A host's running sessions: who is registered under which id, the correlation keys that name them, and the
/// execution-mode gates (<see cref="ExecutionMode.Sequential"/>, <see cref="ExecutionMode.Single"/>). Registering a
/// session is all or nothing, under one lock, and every path that enters a gate leaves it.
/// </summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<SessionId, SessionContext> sessions = new();
    private readonly ConcurrentDictionary<SessionProcessDefinition, ExecutionGate> gates = new();

    // Taken to register a session and to begin stopping, so no session registers after the host began to stop.
    private readonly object registration = new();
    private readonly TaskCompletionSource allGone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool stopping;

    // Made by the first caller that waits for a session with no signal of its own to leave (see Departure); completed
    // and dropped by the next Forget. Null whenever nobody waits, so Forget costs one read.
    private TaskCompletionSource? departure;

    /// <summary>Completes once the host is stopping and every session has left (after answering what it held).</summary>
    public Task AllGone => allGone.Task;

    public CorrelationIndex Correlations { get; } = new();

    public int Count => sessions.Count;

    public bool IsStopping => stopping;

    public ICollection<SessionContext> Running => sessions.Values;

    public bool Contains(SessionId id) => sessions.ContainsKey(id);

    public bool TryGet(SessionId id, out SessionContext? session) => sessions.TryGetValue(id, out session);

    /// <summary>Refuses every later registration; returns the sessions running at that moment. False when already stopping.</summary>
    public bool TryBeginStopping(out SessionContext[] running)
    {
        lock (registration)
        {
            if (stopping)
            {
                running = [];
                return false;
            }

            stopping = true;
            running = [.. sessions.Values];
            CompleteWhenAllGone();
            return true;
        }
    }

    /// <summary>
    /// Makes <paramref name="session"/> visible under <paramref name="id"/> with <paramref name="keys"/>: all or nothing.
    /// On false the caller leaves the gate (see <see cref="LeaveGate"/>), whatever refused it.
    /// </summary>
    public bool TryRegister(SessionContext session, SessionId id, IReadOnlyList<CorrelationKey> keys, out Exception? error)
    {
        SessionProcessDefinition definition = session.Definition;
        lock (registration)
        {
            if (stopping)
            {
                error = SessionHost.StoppedError();
                return false;
            }

            if (definition.Settings.Execution != ExecutionMode.Concurrent && !GateOf(definition).TryEnter(session))
            {
                error = new SessionAlreadyExistsException(id, $"Process '{definition.ProtocolName}' runs a single session per host, and it is running.");
                return false;
            }

            if (!Correlations.TryAdd(session, keys))
            {
                error = new CorrelationConflictException(id, keys);
                return false;
            }

            if (!sessions.TryAdd(id, session))
            {
                Correlations.Remove(session, keys);
                error = new SessionAlreadyExistsException(id);
                return false;
            }

            session.RememberKeys(keys);
            error = null;
            return true;
        }
    }

    /// <summary>Removes an ended session, its keys, and its hold on its process's gate.</summary>
    public void Forget(SessionContext session, IEnumerable<CorrelationKey> keys)
    {
        sessions.TryRemove(new KeyValuePair<SessionId, SessionContext>(session.Id, session));

        // A full fence between the removal and the look at the signal (a waiter installs its signal, then looks at the
        // map): with only a volatile read, the read may pass the removal's store, and both sides miss each other.
        if (Interlocked.CompareExchange(ref departure, null, null) is not null)
        {
            Interlocked.Exchange(ref departure, null)?.TrySetResult();
        }

        Correlations.Remove(session, keys);
        LeaveGate(session, session.Definition);
        if (stopping)
        {
            CompleteWhenAllGone();
        }
    }

    /// <summary>
    /// Completes once <paramref name="session"/> may no longer be registered under <paramref name="id"/> (some session
    /// left the registry since; the caller looks again): for a session that keeps no signal of its own (one that is not
    /// durable leaves as it ends), so a caller waits for it without spinning. Completed already when it is not registered.
    /// </summary>
    public Task Departure(SessionId id, SessionContext session)
    {
        TaskCompletionSource signal = Volatile.Read(ref departure) ?? Made(ref departure);

        // Looked at after the signal is in place: a Forget that removed it before this sees it gone, one after completes the signal.
        return sessions.TryGetValue(id, out SessionContext? registered) && registered == session ? signal.Task : Task.CompletedTask;

        static TaskCompletionSource Made(ref TaskCompletionSource? field)
        {
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return Interlocked.CompareExchange(ref field, mine, null) ?? mine;
        }
    }

    private void CompleteWhenAllGone()
    {
        if (sessions.IsEmpty)
        {
            allGone.TrySetResult();
        }
    }

    /// <summary>The running session of a <see cref="ExecutionMode.Single"/> process, if any.</summary>
    public SessionContext? SingleSessionOf(SessionProcessDefinition definition) =>
        definition.Settings.Execution == ExecutionMode.Single ? GateOf(definition).Running : null;

    public Task WaitForSequentialTurnAsync(SessionProcessDefinition definition, CancellationToken cancellationToken) =>
        GateOf(definition).WaitForTurnAsync(cancellationToken);

    /// <summary>Leaves the gate a start entered (or, for a sequential process, the turn its starter waited for).</summary>
    public void LeaveGate(SessionContext? session, SessionProcessDefinition definition)
    {
        if (definition.Settings.Execution != ExecutionMode.Concurrent)
        {
            GateOf(definition).Leave(session, releaseTurn: definition.Settings.Execution == ExecutionMode.Sequential);
        }
    }

    private ExecutionGate GateOf(SessionProcessDefinition definition) => gates.GetOrAdd(definition, static _ => new ExecutionGate());
}
