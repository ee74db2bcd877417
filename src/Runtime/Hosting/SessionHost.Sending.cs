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
    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        SessionOperation? operation = MessageRouter.OperationOf(id, message, out Exception? error);
        return operation is null
            ? ValueTask.FromException<object?>(error!)
            : operation.SendBoxedAsync(this, id, message, cancellationToken);
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
        if (session is null && store is not null && error is SessionNotFoundException && !registry.IsStopping)
        {
            return SendToStoredAsync(id, operation, message, error, cancellationToken);
        }

        return target is null ? ValueTask.FromException<object?>(error!) : target.SendBoxedAsync(this, id, message, cancellationToken);
    }

    /// <summary>
    /// Sends an untyped message without a session id: it goes to the session its correlation keys identify
    /// (see <see cref="CorrelationAttribute"/>), to the one session of a <see cref="ExecutionMode.Single"/>
    /// process, or, for a starter, to a new session.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No session correlates with the message's keys (the message names them).</exception>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        SessionOperation? operation = MessageRouter.OperationOf(default, message, out Exception? error);
        if (operation is null)
        {
            return ValueTask.FromException<object?>(error!);
        }

        if (operation.StartsSession)
        {
            return operation.SendBoxedAsync(this, SessionId.New(), message, cancellationToken);
        }

        SessionContext? target = MessageRouter.SessionFor(registry, operation, message, out error);
        if (target is null && MayLoad(operation.Process, error))
        {
            return SendByStoredKeyAsync(operation, message, error!, cancellationToken);
        }

        return target is null
            ? ValueTask.FromException<object?>(error!)
            : operation.SendBoxedAsync(this, target.Id, message, cancellationToken);
    }

    /// <summary>Routes a message whose keys no session in memory holds to the stored session that holds one, loading it.</summary>
    private async ValueTask<object?> SendByStoredKeyAsync(SessionOperation operation, object message, Exception notFound, CancellationToken cancellationToken)
    {
        foreach (CorrelationKey key in operation.CorrelationKeysOf(message))
        {
            if (await store!.FindAsync(operation.Process.ProtocolName, key, cancellationToken).ConfigureAwait(false) is { } id)
            {
                return await operation.SendBoxedAsync(this, id, message, cancellationToken).ConfigureAwait(false);
            }
        }

        throw notFound;
    }

    /// <summary>A message by operation name for a session not in memory: the durable process that declares the operation and stores the session.</summary>
    private async ValueTask<object?> SendToStoredAsync(SessionId id, string operation, object? message, Exception notFound, CancellationToken cancellationToken)
    {
        foreach (SessionProcessDefinition definition in DurableProcessCatalog.All)
        {
            // The session found must be of this process: one of another process (loaded meanwhile) does not declare the operation.
            if (definition.FindOperation(operation) is { StartsSession: false } target
                && await LoadAsync(definition, id, cancellationToken).ConfigureAwait(false) is { } loaded
                && loaded.Definition == definition)
            {
                return await target.SendBoxedAsync(this, id, message, cancellationToken).ConfigureAwait(false);
            }
        }

        throw notFound;
    }

    /// <summary>The non-starter operation named <paramref name="operation"/> of session <paramref name="id"/>; null with the sender's error.</summary>
    private SessionOperation? FindOperation(SessionId id, string operation, out SessionContext? session, out Exception? error)
    {
        session = Find(id, out error);
        return session is null ? null : MessageRouter.OperationNamed(session, operation, out error);
    }
}
