namespace SessionGen;

/// <summary>
/// Where sessions run, as the generated <c>P.StartAsync</c>, <c>P.Connect</c> and <c>P.Client</c> see it:
/// <see cref="SessionHost"/> runs them in this process; another host (SessionGen.Orleans' cluster host, say) carries
/// the same messages elsewhere. Every member takes generated <c>P.Messages.*</c> records; the typed client calls
/// them only for a host that is not a <see cref="SessionHost"/>, which it serves directly.
/// </summary>
public interface ISessionHost
{
    /// <summary>
    /// Sends <paramref name="message"/> to session <paramref name="id"/> and completes with the handler's result
    /// (<see langword="null"/> for a handler without one). A starter's message creates session <paramref name="id"/>.
    /// </summary>
    /// <exception cref="SessionNotFoundException">No such session, or it has ended.</exception>
    /// <exception cref="SessionFaultedException">The handler threw.</exception>
    ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken);

    /// <summary>As <see cref="SendAsync(SessionId, object, CancellationToken)"/>, handled once per <paramref name="messageId"/>.</summary>
    ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="message"/> to the session its correlation keys (or its single-session process) identify.</summary>
    ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken);

    /// <summary>
    /// Queues <paramref name="message"/> one way for session <paramref name="id"/>: true when it was accepted (it will
    /// be handled, or filed as a dead letter where the session runs), false when it was not.
    /// </summary>
    bool Post(SessionId id, object message);

    /// <summary>As <see cref="Post(SessionId, object)"/>, queued once per <paramref name="messageId"/>.</summary>
    bool Post(SessionId id, object message, MessageId messageId);

    /// <summary>
    /// As <see cref="SendAsync(SessionId, object, MessageId, CancellationToken)"/>, from <paramref name="caller"/>: a handler
    /// that takes a <see cref="SessionCaller"/> parameter receives it. <see langword="null"/> sends anonymously (as the
    /// overloads without a caller do), and <paramref name="messageId"/> <see langword="null"/> sends without an id.
    /// </summary>
    /// <remarks>
    /// The default implementation sends anonymous messages through the overloads without a caller and throws
    /// <see cref="NotSupportedException"/> for a caller: a host that can carry callers overrides it.
    /// </remarks>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and <paramref name="caller"/> is null.</exception>
    /// <exception cref="NotSupportedException">This host cannot carry a caller.</exception>
    ValueTask<object?> SendAsync(SessionId id, object message, SessionCaller? caller, MessageId? messageId, CancellationToken cancellationToken)
    {
        if (caller is not null)
        {
            return ValueTask.FromException<object?>(CallersNotSupported(this));
        }

        return messageId is { } once ? SendAsync(id, message, once, cancellationToken) : SendAsync(id, message, cancellationToken);
    }

    /// <summary>
    /// As <see cref="SendAsync(object, CancellationToken)"/> (routed by correlation), from <paramref name="caller"/>
    /// (<see langword="null"/> for anonymous).
    /// </summary>
    /// <remarks>The default implementation: as <see cref="SendAsync(SessionId, object, SessionCaller?, MessageId?, CancellationToken)"/>'s.</remarks>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and <paramref name="caller"/> is null.</exception>
    /// <exception cref="NotSupportedException">This host cannot carry a caller.</exception>
    ValueTask<object?> SendAsync(object message, SessionCaller? caller, CancellationToken cancellationToken) =>
        caller is null ? SendAsync(message, cancellationToken) : ValueTask.FromException<object?>(CallersNotSupported(this));

    /// <summary>
    /// As <see cref="Post(SessionId, object, MessageId)"/>, from <paramref name="caller"/> (<see langword="null"/> for
    /// anonymous; <paramref name="messageId"/> <see langword="null"/> for none).
    /// </summary>
    /// <remarks>The default implementation: as <see cref="SendAsync(SessionId, object, SessionCaller?, MessageId?, CancellationToken)"/>'s.</remarks>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and <paramref name="caller"/> is null.</exception>
    /// <exception cref="NotSupportedException">This host cannot carry a caller.</exception>
    bool Post(SessionId id, object message, SessionCaller? caller, MessageId? messageId)
    {
        if (caller is not null)
        {
            throw CallersNotSupported(this);
        }

        return messageId is { } once ? Post(id, message, once) : Post(id, message);
    }

    /// <summary>
    /// Opens a subscription to the events of session <paramref name="id"/> of process <paramref name="process"/> (its
    /// <see cref="SessionProcessAttribute.Name"/>) from now on, and with a participant its <c>EmitTo</c> events too.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session does not exist or has ended (a host that cannot tell at
    /// once ends the subscription with it instead).</exception>
    SessionSubscription Subscribe(string process, SessionId id, string? participant);

    /// <summary>
    /// As <see cref="Subscribe(string, SessionId, string?)"/>, for transports: a durable session that is only in the
    /// store is loaded first, and with an <paramref name="afterSequence"/> (Server-Sent Events' <c>Last-Event-ID</c>)
    /// the retained events numbered after it are replayed first (<see cref="SessionSubscription.MissedEvents"/> counts
    /// those no longer retained).
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session does not exist or has ended.</exception>
    /// <exception cref="SessionStateException">A stored session could not be loaded.</exception>
    ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken);

    private static NotSupportedException CallersNotSupported(ISessionHost host) =>
        new($"'{host.GetType().Name}' cannot carry a caller: it sends every message anonymously.");
}
