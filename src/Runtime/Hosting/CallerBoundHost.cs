namespace SessionGen;

/// <summary>
/// A host as one caller sees it (<see cref="SessionCallerExtensions.As"/>): it stamps every message with the caller and
/// opens subscriptions for the caller's id only. Clients made on it over a <see cref="SessionHost"/> take the direct
/// path with the caller (<see cref="SessionClient"/>).
/// </summary>
internal sealed class CallerBoundHost(ISessionHost inner, SessionCaller caller) : ISessionHost
{
    /// <summary>The host it views.</summary>
    public ISessionHost Inner { get; } = inner;

    /// <summary>Who speaks through it.</summary>
    public SessionCaller Caller { get; } = caller;

    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) =>
        Inner.SendAsync(id, message, Caller, null, cancellationToken);

    public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken) =>
        Inner.SendAsync(id, message, Caller, messageId, cancellationToken);

    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) =>
        Inner.SendAsync(message, Caller, cancellationToken);

    public ValueTask<object?> SendAsync(SessionId id, object message, SessionCaller? caller, MessageId? messageId, CancellationToken cancellationToken) =>
        Inner.SendAsync(id, message, Own(caller), messageId, cancellationToken);

    public ValueTask<object?> SendAsync(object message, SessionCaller? caller, CancellationToken cancellationToken) =>
        Inner.SendAsync(message, Own(caller), cancellationToken);

    public bool Post(SessionId id, object message) => Inner.Post(id, message, Caller, null);

    public bool Post(SessionId id, object message, MessageId messageId) => Inner.Post(id, message, Caller, messageId);

    public bool Post(SessionId id, object message, SessionCaller? caller, MessageId? messageId) =>
        Inner.Post(id, message, Own(caller), messageId);

    public SessionSubscription Subscribe(string process, SessionId id, string? participant) =>
        Inner.Subscribe(process, id, Participant(participant));

    public ValueTask<SessionSubscription> SubscribeAsync(string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken) =>
        Inner.SubscribeAsync(process, id, Participant(participant), afterSequence, cancellationToken);

    public override string ToString() => $"{Inner} as {Caller.Id}";

    /// <summary>The caller a message goes with: this view's, whatever is passed, unless another one is named.</summary>
    private SessionCaller Own(SessionCaller? caller) =>
        caller is null || ReferenceEquals(caller, Caller)
            ? Caller
            : throw new ArgumentException(
                $"This host speaks as caller '{Caller.Id}'; it cannot send as '{caller.Id}'. Bind another view with host.As(caller).", nameof(caller));

    /// <summary>The participant a subscription is opened for: always the caller's own id.</summary>
    private string Participant(string? participant) =>
        participant is null || string.Equals(participant, Caller.Id, StringComparison.Ordinal)
            ? Caller.Id
            : throw new ArgumentException(
                $"Caller '{Caller.Id}' can only read its own events; it cannot subscribe as participant '{participant}'.", nameof(participant));
}
