using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The base of every generated <c>P.Client</c>: a handle on one session of one host. It holds no state of
/// its own beyond a cached reference to the running session, so making one (<c>P.Connect</c>) is cheap and any
/// number can point at the same session. On a <see cref="SessionHost"/> it reaches the session directly; on any
/// other <see cref="ISessionHost"/> it sends through that host's untyped members.
/// </summary>
public abstract class SessionClient
{
    // The session last found under Id: saves a lookup per message. Only a hint, checked on every use.
    private SessionContext? session;

    /// <summary>
    /// Creates a client of session <paramref name="id"/> on <paramref name="host"/>; on a host bound to a caller
    /// (<see cref="SessionCallerExtensions.As"/>), the client speaks as that caller.
    /// </summary>
    protected SessionClient(ISessionHost host, SessionId id, string process)
        : this(host, id, process, (host as CallerBoundHost)?.Caller)
    {
    }

    private protected SessionClient(ISessionHost host, SessionId id, string process, SessionCaller? caller)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
        Process = process ?? throw new ArgumentNullException(nameof(process));

        // A view bound to a caller over a host of this process keeps the direct path: the caller goes with each message.
        LocalHost = host as SessionHost ?? (host as CallerBoundHost)?.Inner as SessionHost;
        Caller = caller;
        Id = id;
    }

    /// <summary>Who this client speaks as (its messages' <see cref="SessionCaller"/>), or <see langword="null"/> for anonymous.</summary>
    public SessionCaller? Caller { get; }

    /// <summary>The name of the session's process (<see cref="SessionProcessAttribute.Name"/>, or its class name).</summary>
    public string Process { get; }

    /// <summary>The host that runs the session.</summary>
    public ISessionHost Host { get; }

    /// <summary>The host when it runs the session in this process (the typed client's direct path); else null.</summary>
    internal SessionHost? LocalHost { get; }

    /// <summary>The session's id.</summary>
    public SessionId Id { get; }

    /// <summary>
    /// Opens a subscription to the session's events, buffering from this moment on. With a
    /// <paramref name="participant"/>, it also receives the events sent to that participant with <c>EmitTo</c>.
    /// </summary>
    /// <exception cref="SessionNotFoundException">The session does not exist or has ended.</exception>
    public SessionSubscription Subscribe(string? participant = null) => Host.Subscribe(Process, Id, participant);

    /// <summary>Sends an untyped message (a generated <c>P.Messages.*</c> record) to this session.</summary>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken = default) =>
        Host.SendAsync(Id, message, cancellationToken);

    /// <summary>The running session, or null with the error a sender gets (no such session, ended, host stopping).</summary>
    internal SessionContext? Resolve(out Exception? error)
    {
        SessionContext? known = session;
        if (known is not null && !known.IsEnded && !LocalHost!.IsStopping)
        {
            error = null;
            return known;
        }

        known = LocalHost!.Find(Id, out error);
        session = known;
        return known;
    }

    /// <summary>
    /// As <see cref="Resolve"/> for a one-way post whose enqueue decides the rest: the session last resolved is returned
    /// without reading whether it has ended (its mailbox, closed by the end before anyone is answered, refuses the post
    /// under its gate, and the caller then takes the full path, which resolves again). The end flag sits beside the
    /// turn's run counter, which the session's turn writes for every message, so reading it cost most posts one more
    /// cache line fetched from the consumer's core (oneway7).
    /// </summary>
    internal SessionContext? ResolveToPost()
    {
        SessionContext? known = session;
        return known is not null && !LocalHost!.IsStopping ? known : Resolve(out _);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().DeclaringType?.Name ?? GetType().Name} session {Id}";
}
