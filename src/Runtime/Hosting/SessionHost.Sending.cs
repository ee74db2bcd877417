using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>Untyped sends, for transports and tools: by session id, by operation name, or routed by correlation.</summary>
public sealed partial class SessionHost
{
    /// <summary>
    /// Sends an untyped message, for transports and tools. <paramref name="message"/> is a generated
    /// <c>P.Messages.*</c> record; a starter's message creates session <paramref name="id"/>.
    /// Completes with the handler's result (<see langword="null"/> for handlers without one).
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The message is not one of the session's operations.</exception>
    /// <exception cref="SessionFaultedException">The handler threw.</exception>
    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken = default) =>
        SendUntyped(id, message, caller: null, cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync(SessionId, object, CancellationToken)"/> (or, with a <paramref name="messageId"/>,
    /// <see cref="SendAsync(SessionId, object, MessageId, CancellationToken)"/>), from <paramref name="caller"/>: a handler
    /// that takes a <see cref="SessionCaller"/> receives it. <see langword="null"/> sends anonymously.
    /// </summary>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and <paramref name="caller"/> is null.</exception>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The message is not one of the session's operations.</exception>
    /// <exception cref="SessionFaultedException">The handler threw.</exception>
    ValueTask<object?> ISessionHost.SendAsync(SessionId id, object message, SessionCaller? caller, MessageId? messageId, CancellationToken cancellationToken) =>
        messageId is { } once ? SendOnceUntyped(id, message, caller, once, cancellationToken) : SendUntyped(id, message, caller, cancellationToken);

    private ValueTask<object?> SendUntyped(SessionId id, object message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SessionOperation? operation = MessageRouter.OperationOf(id, message, out Exception? error);
        return operation is null
            ? ValueTask.FromException<object?>(error!)
            : operation.SendBoxedAsync(this, id, message, caller, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="message"/> to the operation named <paramref name="operation"/> of session
    /// <paramref name="id"/>, for transports that route by name.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The session's process declares no such operation.</exception>
    /// <exception cref="MessageTypeMismatchException"><paramref name="message"/> is not that operation's message type.</exception>
    public ValueTask<object?> SendAsync(SessionId id, string operation, object? message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        SessionOperation? target = FindOperation(id, operation, out SessionContext? session, out Exception? error);
        if (session is not null && IsLookingUp(id, operation))
        {
            // Found in memory while earlier messages by this name still wait for the search: behind them, in order.
            (session, error) = (null, SessionNotFoundException.NoSuchSession(id));
        }

        if (session is null && store is not null && error is SessionNotFoundException && !registry.IsStopping)
        {
            // One durable process declares the operation (the usual case): its typed send loads the session and keeps
            // this sender's order with the others waiting for the load. Several: each is tried in turn.
            return StoredOperationNamed(operation) is { } only
                ? only.SendBoxedAsync(this, id, message, caller: null, cancellationToken)
                : SendToStoredAsync(id, operation, message, error, cancellationToken);
        }

        return target is null ? ValueTask.FromException<object?>(error!) : target.SendBoxedAsync(this, id, message, caller: null, cancellationToken);
    }

    /// <summary>The operation named <paramref name="operation"/> when exactly one durable process declares it (as a non-starter); else null.</summary>
    private static SessionOperation? StoredOperationNamed(string operation)
    {
        SessionOperation? only = null;
        foreach (SessionProcessDefinition definition in DurableProcessCatalog.All)
        {
            if (definition.FindOperation(operation) is { StartsSession: false } candidate)
            {
                if (only is not null)
                {
                    return null;
                }

                only = candidate;
            }
        }

        return only;
    }

    /// <summary>
    /// Sends an untyped message without a session id: it goes to the session its correlation keys identify
    /// (see <see cref="CorrelationAttribute"/>), to the one session of a <see cref="ExecutionMode.Single"/>
    /// process, or, for a starter, to a new session.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No session correlates with the message's keys (the message names them).</exception>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken = default) =>
        SendRouted(message, caller: null, cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync(object, CancellationToken)"/> (routed by correlation, or starting a session), from
    /// <paramref name="caller"/> (<see langword="null"/>: anonymously).
    /// </summary>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and <paramref name="caller"/> is null.</exception>
    /// <exception cref="SessionNotFoundException">No session correlates with the message's keys (the message names them).</exception>
    ValueTask<object?> ISessionHost.SendAsync(object message, SessionCaller? caller, CancellationToken cancellationToken) =>
        SendRouted(message, caller, cancellationToken);

    private ValueTask<object?> SendRouted(object message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SessionOperation? operation = MessageRouter.OperationOf(default, message, out Exception? error);
        if (operation is null)
        {
            return ValueTask.FromException<object?>(error!);
        }

        if (operation.StartsSession)
        {
            return operation.SendBoxedAsync(this, SessionId.New(), message, caller, cancellationToken);
        }

        SessionContext? target = MessageRouter.SessionFor(registry, operation, message, out error);
        if ((target is null && MayLoad(operation.Process, error)) || (target is not null && IsLookingUp(operation, message)))
        {
            // Not in memory, or found there while earlier messages routed by the same key still wait for the store:
            // behind them, in order.
            return SendByStoredKeyAsync(operation, message, caller, error ?? SessionNotFoundException.NoSuchSession(target!.Id), cancellationToken);
        }

        return target is null
            ? ValueTask.FromException<object?>(error!)
            : operation.SendBoxedAsync(this, target.Id, message, caller, cancellationToken);
    }

    /// <summary>
    /// Routes a message whose keys no session in memory holds to the stored session that holds one, loading it. Senders
    /// routed by one key take turns in the order they came (<see cref="KeyLookup"/>): the store's answer may come late.
    /// </summary>
    private async ValueTask<object?> SendByStoredKeyAsync(
        SessionOperation operation, object message, SessionCaller? caller, Exception notFound, CancellationToken cancellationToken)
    {
        IReadOnlyList<CorrelationKey> keys = operation.CorrelationKeysOf(message);
        if (keys.Count == 0)
        {
            throw notFound;
        }

        (string, CorrelationKey) route = (operation.Process.ProtocolName, keys[0]);
        var mine = new KeyLookup(route, KeyLookedUp);
        KeyLookup lookup = keyLookups.GetOrAdd(route, mine);
        if (lookup == mine)
        {
            Interlocked.Increment(ref keyLookupsInFlight);
            _ = LookUpAsync(mine, keys);
        }

        SessionId? id = await lookup.WaitTurnAsync(cancellationToken).ConfigureAwait(false);

        ValueTask<object?> pending;
        try
        {
            // Queues the message (or joins the session's load queue) before it returns: then the next sender may go.
            pending = id is { } owner ? operation.SendBoxedAsync(this, owner, message, caller, cancellationToken) : ValueTask.FromException<object?>(notFound);
        }
        finally
        {
            lookup.Leave();
        }

        return await pending.ConfigureAwait(false);
    }

    private async Task LookUpAsync(KeyLookup lookup, IReadOnlyList<CorrelationKey> keys)
    {
        Task<SessionId?> found = FindStoredOwnerAsync(lookup.Route.Process, keys);
        try
        {
            await found.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each waiting sender gets the exception in its turn.
        }

        lookup.Complete(found);
    }

    private async Task<SessionId?> FindStoredOwnerAsync(string process, IReadOnlyList<CorrelationKey> keys)
    {
        foreach (CorrelationKey key in keys)
        {
            if (await store!.FindAsync(process, key, StoppingToken).ConfigureAwait(false) is { } id)
            {
                return id;
            }
        }

        return null;
    }

    private void KeyLookedUp(KeyLookup lookup)
    {
        keyLookups.TryRemove(new KeyValuePair<(string, CorrelationKey), KeyLookup>(lookup.Route, lookup));
        Interlocked.Decrement(ref keyLookupsInFlight);
    }

    /// <summary>True while messages routed by this message's first key wait for the store to name its owner.</summary>
    private bool IsLookingUp(SessionOperation operation, object message) =>
        Volatile.Read(ref keyLookupsInFlight) != 0
        && operation.CorrelationKeysOf(message) is { Count: > 0 } keys
        && keyLookups.ContainsKey((operation.Process.ProtocolName, keys[0]));

    /// <summary>
    /// A message by operation name for a session not in memory: the durable process that declares the operation and
    /// stores the session. Senders by one name to one session take turns in the order they came (<see cref="NameLookup"/>).
    /// </summary>
    private async ValueTask<object?> SendToStoredAsync(SessionId id, string operation, object? message, Exception notFound, CancellationToken cancellationToken)
    {
        (SessionId, string) route = (id, operation);
        var mine = new NameLookup(route, NameLookedUp);
        NameLookup lookup = nameLookups.GetOrAdd(route, mine);
        if (lookup == mine)
        {
            Interlocked.Increment(ref nameLookupsInFlight);
            _ = SearchAsync(mine);
        }

        SessionOperation? target = await lookup.WaitTurnAsync(cancellationToken).ConfigureAwait(false);

        ValueTask<object?> pending;
        try
        {
            // Queues the message (or joins the session's load queue) before it returns: then the next sender may go.
            pending = target is not null ? target.SendBoxedAsync(this, id, message, caller: null, cancellationToken) : ValueTask.FromException<object?>(notFound);
        }
        finally
        {
            lookup.Leave();
        }

        return await pending.ConfigureAwait(false);
    }

    private async Task SearchAsync(NameLookup lookup)
    {
        Task<SessionOperation?> found = StoredOperationAsync(lookup.Route.Id, lookup.Route.Operation);
        try
        {
            await found.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each waiting sender gets the exception in its turn.
        }

        lookup.Complete(found);
    }

    /// <summary>The operation of the durable process whose store holds session <paramref name="id"/> (now loaded), or null.</summary>
    private async Task<SessionOperation?> StoredOperationAsync(SessionId id, string operation)
    {
        foreach (SessionProcessDefinition definition in DurableProcessCatalog.All)
        {
            // The session found must be of this process: one of another process (loaded meanwhile) does not declare the operation.
            if (definition.FindOperation(operation) is { StartsSession: false } target
                && await LoadAsync(definition, id, StoppingToken).ConfigureAwait(false) is { } loaded
                && loaded.Definition == definition)
            {
                return target;
            }
        }

        return null;
    }

    private void NameLookedUp(NameLookup lookup)
    {
        nameLookups.TryRemove(new KeyValuePair<(SessionId, string), NameLookup>(lookup.Route, lookup));
        Interlocked.Decrement(ref nameLookupsInFlight);
    }

    /// <summary>True while messages by this name to session <paramref name="id"/> wait for the search of the stores.</summary>
    private bool IsLookingUp(SessionId id, string operation) =>
        Volatile.Read(ref nameLookupsInFlight) != 0 && nameLookups.ContainsKey((id, operation));

    /// <summary>The non-starter operation named <paramref name="operation"/> of session <paramref name="id"/>; null with the sender's error.</summary>
    private SessionOperation? FindOperation(SessionId id, string operation, out SessionContext? session, out Exception? error)
    {
        session = Find(id, out error);
        return session is null ? null : MessageRouter.OperationNamed(session, operation, out error);
    }
}
