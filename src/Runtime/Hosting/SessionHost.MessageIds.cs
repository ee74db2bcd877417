using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>Untyped sends with a <see cref="MessageId"/>, for transports that retry or redeliver.</summary>
public sealed partial class SessionHost
{
    /// <summary>
    /// Sends an untyped message (a generated <c>P.Messages.*</c> record) to session <paramref name="id"/>, once per
    /// <paramref name="messageId"/>: if the session handled a message with that id within
    /// <see cref="SessionHostOptions.DeduplicationWindow"/>, this completes with its outcome (its result, or its exception)
    /// and the handler does not run again; while that message is still pending, this waits for it (until
    /// <paramref name="cancellationToken"/> is cancelled, which stops only this wait). A message that was never handled
    /// (refused, withdrawn, expired, not accepted) is not remembered, so a retry is sent anew.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is empty, or was sent to another operation of the session.</exception>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The message is not one of the session's operations.</exception>
    /// <exception cref="SessionFaultedException">The handler threw.</exception>
    public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken = default) =>
        SendOnceUntyped(id, message, caller: null, messageId, cancellationToken);

    private ValueTask<object?> SendOnceUntyped(SessionId id, object message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        MessageId.ThrowIfEmpty(messageId, nameof(messageId));
        SessionOperation? operation = MessageRouter.OperationOf(id, message, out Exception? error);
        if (operation is null)
        {
            return ValueTask.FromException<object?>(error!);
        }

        if (operation.StartsSession)
        {
            // A starter creates session id, so there is no session yet to remember the message id: it starts it as without one.
            return operation.SendBoxedAsync(this, id, message, caller, cancellationToken);
        }

        SessionContext? session = Find(id, out error);
        if (session is null && MayLoad(operation.Process, error))
        {
            return SendOnceAfterLoadAsync(operation, id, message, caller, messageId, cancellationToken);
        }

        return session is null
            ? ValueTask.FromException<object?>(error!)
            : operation.SendBoxedAsync(session, id, message, caller, messageId, cancellationToken);
    }

    /// <summary>A durable session that is not in memory: loads it (its handled ids with it), then sends once.</summary>
    private async ValueTask<object?> SendOnceAfterLoadAsync(
        SessionOperation operation, SessionId id, object message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken)
    {
        ValueTask<object?> pending = await QueueOnLoadedAsync(
            operation.Process,
            id,
            session => operation.SendBoxedAsync(session ?? throw SessionNotFoundException.NoSuchSession(id), id, message, caller, messageId, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return await pending.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="message"/> to the operation named <paramref name="operation"/> of session <paramref name="id"/>,
    /// once per <paramref name="messageId"/>, as <see cref="SendAsync(SessionId, object, MessageId, CancellationToken)"/> does.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is empty, or was sent to another operation of the session.</exception>
    /// <exception cref="SessionNotFoundException">No such session.</exception>
    /// <exception cref="UnknownOperationException">The session's process declares no such operation.</exception>
    /// <exception cref="MessageTypeMismatchException"><paramref name="message"/> is not that operation's message type.</exception>
    public ValueTask<object?> SendAsync(
        SessionId id, string operation, object? message, MessageId messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        MessageId.ThrowIfEmpty(messageId, nameof(messageId));
        SessionOperation? target = FindOperation(id, operation, out SessionContext? session, out Exception? error);
        if (session is null && store is not null && error is SessionNotFoundException && !registry.IsStopping)
        {
            return SendOnceToStoredAsync(id, operation, message, messageId, error, cancellationToken);
        }

        return target is null
            ? ValueTask.FromException<object?>(error!)
            : target.SendBoxedAsync(session!, id, message, caller: null, messageId, cancellationToken);
    }

    /// <summary>
    /// A message by operation name and id for a session not in memory: the durable process that declares the operation
    /// and stores the session loads it (its handled ids with it), then the message is sent once, in its turn.
    /// </summary>
    private async ValueTask<object?> SendOnceToStoredAsync(
        SessionId id, string operation, object? message, MessageId messageId, Exception notFound, CancellationToken cancellationToken)
    {
        foreach (SessionProcessDefinition definition in DurableProcessCatalog.All)
        {
            if (definition.FindOperation(operation) is not { StartsSession: false } target)
            {
                continue;
            }

            (SessionContext? session, SessionLoad? turn) = await EnterAsync(definition, id, cancellationToken).ConfigureAwait(false);
            if (session is null || session.Definition != definition)
            {
                turn?.Leave();
                continue;
            }

            ValueTask<object?> pending;
            try
            {
                pending = target.SendBoxedAsync(session, id, message, caller: null, messageId, cancellationToken);
            }
            finally
            {
                turn?.Leave();
            }

            return await pending.ConfigureAwait(false);
        }

        throw notFound;
    }
}
