using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>Untyped one-way messages, for transports (and for <see cref="ISessionHost"/> callers).</summary>
public sealed partial class SessionHost
{
    /// <summary>
    /// Queues <paramref name="message"/> (a generated <c>P.Messages.*</c> record) one way for session
    /// <paramref name="id"/>, as the typed <c>Post{Op}</c> does: true when it was accepted (it will be handled, or
    /// filed as a dead letter if the session ends first), false when it was not (no such session, ended, host
    /// stopping, mailbox full). For a session of a durable process, true means accepted, not yet stored: a transport
    /// that must tell its sender the message is stored sends it instead (as the generated <c>Post{Op}Async</c> does).
    /// </summary>
    /// <exception cref="UnknownOperationException"><paramref name="message"/> is not a generated session message.</exception>
    /// <exception cref="MessageTypeMismatchException"><paramref name="message"/> names an operation whose record it is not.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="message"/> starts sessions: send it instead.</exception>
    public bool Post(SessionId id, object message) => PostUntyped(id, message, caller: null, default);

    /// <summary>
    /// As <see cref="Post(SessionId, object)"/>, once per <paramref name="messageId"/>: true without queuing again when a
    /// message with this id was already accepted within the deduplication window.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is empty, or was sent to another operation of the session.</exception>
    public bool Post(SessionId id, object message, MessageId messageId)
    {
        MessageId.ThrowIfEmpty(messageId, nameof(messageId));
        return PostUntyped(id, message, caller: null, messageId);
    }

    /// <summary>
    /// As <see cref="Post(SessionId, object)"/> (or, with a <paramref name="messageId"/>, <see cref="Post(SessionId, object, MessageId)"/>),
    /// from <paramref name="caller"/>: a handler that takes a <see cref="SessionCaller"/> receives it. <see langword="null"/> posts anonymously.
    /// </summary>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and <paramref name="caller"/> is null.</exception>
    /// <exception cref="UnknownOperationException"><paramref name="message"/> is not a generated session message.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="message"/> starts sessions: send it instead.</exception>
    bool ISessionHost.Post(SessionId id, object message, SessionCaller? caller, MessageId? messageId)
    {
        if (messageId is { } once)
        {
            MessageId.ThrowIfEmpty(once, nameof(messageId));
        }

        return PostUntyped(id, message, caller, messageId ?? default);
    }

    private bool PostUntyped(SessionId id, object message, SessionCaller? caller, MessageId messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        SessionOperation? operation = MessageRouter.OperationOf(id, message, out Exception? error);
        return operation is null ? throw error! : operation.PostBoxed(new UntypedClient(this, id, operation.Process.ProtocolName, caller), message, messageId);
    }
}
