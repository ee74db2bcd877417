namespace SessionGen.Infrastructure;

/// <summary>
/// Messages sent with a <see cref="MessageId"/>: a session handles a repeated id once within
/// <see cref="SessionHostOptions.DeduplicationWindow"/>, and only a message it handled is remembered.
/// </summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="client"/>'s session, once per <paramref name="messageId"/>: a repeat
    /// of a message that was handled within the deduplication window gets its outcome (result or exception) and the handler
    /// does not run again; a repeat of one still pending waits for it, until the repeat's own token is cancelled. A message
    /// that was never handled (refused, withdrawn, expired, not accepted) leaves no trace, so a repeat is sent in its place.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is empty, or was sent to another operation of the session.</exception>
    public ValueTask<TResult> SendAsync(SessionClient client, TMessage message, MessageId messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(message);
        MessageId.ThrowIfEmpty(messageId, nameof(messageId));
        if (RefusedWithout(client) is { } refused)
        {
            return ValueTask.FromException<TResult>(refused);
        }

        if (client.LocalHost is null)
        {
            return SendThroughAsync(client, message, messageId, cancellationToken);
        }

        SessionContext? session = client.Resolve(out Exception? error);
        return session is null && client.LocalHost!.MayLoad(Process, error)
            ? SendOnceAfterLoadAsync(client.LocalHost!, client.Id, message, client.Caller, messageId, cancellationToken)
            : SendOnce(session, client.Id, message, client.Caller, messageId, cancellationToken, error);
    }

    /// <summary>A durable session that is not in memory: loads it (its handled ids with it), then sends once.</summary>
    private async ValueTask<TResult> SendOnceAfterLoadAsync(
        SessionHost host, SessionId id, TMessage message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken)
    {
        // SendOnce queues the message before it returns (or finds the id's first message): then the next sender may go.
        ValueTask<TResult> pending = await host.QueueOnLoadedAsync(
            Process,
            id,
            session => SendOnce(session ?? throw SessionNotFoundException.NoSuchSession(id), id, message, caller, messageId, cancellationToken, error: null),
            cancellationToken).ConfigureAwait(false);
        return await pending.ConfigureAwait(false);
    }

    /// <summary>As <see cref="SendAsync(SessionClient, TMessage, MessageId, CancellationToken)"/>, for an operation without a result.</summary>
    public ValueTask SendWithoutResultAsync(SessionClient client, TMessage message, MessageId messageId, CancellationToken cancellationToken)
    {
        ValueTask<TResult> pending = SendAsync(client, message, messageId, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            _ = pending.Result;
            return default;
        }

        return WithoutResultAsync(pending);

        static async ValueTask WithoutResultAsync(ValueTask<TResult> pending) => await pending.ConfigureAwait(false);
    }

    /// <summary>
    /// Queues <paramref name="message"/> one way for <paramref name="client"/>'s session, once per <paramref name="messageId"/>
    /// (see <see cref="Post(SessionClient, TMessage)"/>). True when it was accepted, or when a message with this id already
    /// was (queued or handled within the deduplication window): then nothing is queued again. False when it was not accepted,
    /// including while the message first sent with this id is not yet in the queue (it waits for room, say).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is empty, or was sent to another operation of the session.</exception>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and the client has none.</exception>
    public bool Post(SessionClient client, TMessage message, MessageId messageId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(message);
        MessageId.ThrowIfEmpty(messageId, nameof(messageId));
        SessionCaller? caller = client.Caller;
        if (RefusedWithout(client) is { } refused)
        {
            throw refused;
        }

        if (client.LocalHost is null)
        {
            return client.Host.Post(client.Id, message, messageId);
        }

        SessionContext? session = client.Resolve(out Exception? error);
        if (session is null && client.LocalHost!.MayLoad(Process, error))
        {
            // Posted once loaded, with its handled ids: a repeat of a handled message is still not run.
            return PostOnceAfterLoad(client, message, caller, messageId);
        }

        return session is not null && Accepts(session, client.Id, ref error) && PostOnce(session, client.Id, message, caller, messageId);
    }

    // A method of its own for the reason given at the one-way Post's PostAfterLoad: a lambda in Post would allocate its
    // captures on entry, for every message.
    private bool PostOnceAfterLoad(SessionClient client, TMessage message, SessionCaller? caller, MessageId messageId) =>
        PostAfterLoad(client.LocalHost!, client.Id, message, session => PostOnce(session, client.Id, message, caller, messageId));

    private bool PostOnce(SessionContext session, SessionId id, TMessage message, SessionCaller? caller, MessageId messageId)
    {
        var mine = new MessageIdEntry<TResult>(session.MessageIds, messageId, caller?.Id, this);
        MessageIdEntry first = session.MessageIds.GetOrAdd(mine);
        if (first != mine)
        {
            return RepeatOf(first, id).Accepted;
        }

        Request<TProcess, TMessage, TResult>? request = PostRequest(session, message, caller, messageId);
        if (request is null)
        {
            mine.NeverHandled();
            return false;
        }

        mine.MarkAccepted();
        _ = RecordAsync(mine, new ValueTask<TResult>(request, request.Version));
        return true;
    }

    internal override ValueTask<object?> SendBoxedAsync(
        SessionContext session, SessionId id, object? message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken)
    {
        if (message is not TMessage typed)
        {
            return ValueTask.FromException<object?>(new MessageTypeMismatchException(id, Name, typeof(TMessage), message?.GetType()));
        }

        // A starter's message creates a session, and this one exists: it fails as it would without an id.
        return StartsSession
            ? SendBoxedAsync(session.Host, id, typed, caller, cancellationToken)
            : Box(SendOnce(session, id, typed, caller, messageId, cancellationToken, error: null));
    }

    private ValueTask<TResult> SendOnce(
        SessionContext? session, SessionId id, TMessage message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken, Exception? error)
    {
        if (session is null || !Accepts(session, id, ref error))
        {
            return ValueTask.FromException<TResult>(error!);
        }

        if (RefusedWithout(caller, id) is { } refused)
        {
            return ValueTask.FromException<TResult>(refused);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        return SendOnceAsync(session, id, message, caller, messageId, cancellationToken);
    }

    private async ValueTask<TResult> SendOnceAsync(
        SessionContext session, SessionId id, TMessage message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new MessageIdEntry<TResult>(session.MessageIds, messageId, caller?.Id, this);
            MessageIdEntry first = session.MessageIds.GetOrAdd(mine);
            if (first == mine)
            {
                return await SendFirst(session, id, message, caller, mine, cancellationToken).ConfigureAwait(false);
            }

            // A repeat waits for the first on its own token: cancelling it stops this wait, never the first.
            MessageIdEntry<TResult> earlier = RepeatOf(first, id);
            if (await earlier.Settled.WaitAsync(cancellationToken).ConfigureAwait(false))
            {
                return earlier.Outcome();
            }

            // The first was never handled, so its id is free again: this message goes in its place.
        }
    }

    private ValueTask<TResult> SendFirst(
        SessionContext session, SessionId id, TMessage message, SessionCaller? caller, MessageIdEntry<TResult> entry, CancellationToken cancellationToken)
    {
        Exception? error = null;
        Request<TProcess, TMessage, TResult>? request = Offer(session, id, message, caller, cancellationToken, ref error, out bool queued, entry.MessageId);
        if (queued)
        {
            entry.MarkAccepted();
        }

        return RecordAndReturnAsync(
            entry, request is null ? ValueTask.FromException<TResult>(error!) : new ValueTask<TResult>(request, request.Version));
    }

    private MessageIdEntry<TResult> RepeatOf(MessageIdEntry first, SessionId id) =>
        first.Operation == this
            ? (MessageIdEntry<TResult>)first
            : throw new ArgumentException(
                $"Message id '{first.MessageId}' was already sent to operation '{first.Operation.Name}' of session '{id}' within the " +
                $"deduplication window: it names that message, so it cannot name one for '{Name}'.",
                "messageId");

    /// <summary>The first sender's outcome, recorded for the repeats.</summary>
    private static async ValueTask<TResult> RecordAndReturnAsync(MessageIdEntry<TResult> entry, ValueTask<TResult> pending)
    {
        try
        {
            TResult result = await pending.ConfigureAwait(false);
            entry.Succeeded(result);
            return result;
        }
        catch (Exception exception)
        {
            entry.Failed(exception);
            throw;
        }
    }

    /// <summary>A one-way message's outcome, recorded for the repeats; nobody else waits for it.</summary>
    private static async Task RecordAsync(MessageIdEntry<TResult> entry, ValueTask<TResult> pending)
    {
        try
        {
            entry.Succeeded(await pending.ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            entry.Failed(exception);
        }
    }

    internal override void RestoreHandledId(SessionContext session, MessageId messageId, string? callerId, System.Text.Json.JsonElement stored, System.Text.Json.JsonSerializerOptions options, TimeSpan age)
    {
        var entry = new MessageIdEntry<TResult>(session.MessageIds, messageId, callerId, this);
        StoredMessageIds.Settle(entry, session.Id, Name, stored, options, session.Definition.ProtocolName);
        session.MessageIds.Restore(entry, age);
    }
}
