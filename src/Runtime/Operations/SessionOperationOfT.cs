using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// An operation with its typed handler: the entry of the generated dispatch table. The generator derives one sealed
/// class per operation whose <see cref="CallHandler(TProcess, TMessage, SessionCaller?, CancellationToken)"/> calls the handler method directly (no delegate, so the JIT
/// can inline it). Handlers that return nothing use <see cref="ValueTuple"/> as <typeparamref name="TResult"/>.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
/// <typeparam name="TProcess">The process class.</typeparam>
/// <typeparam name="TMessage">The generated message record.</typeparam>
/// <typeparam name="TResult">What the handler returns.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class SessionOperation<TProcess, TMessage, TResult> : SessionOperation
    where TProcess : class
    where TMessage : class
{
    /// <summary>Creates the table entry.</summary>
    /// <param name="process">The process that declares the operation.</param>
    /// <param name="name">The operation's name.</param>
    /// <param name="startsSession">True for a starter.</param>
    /// <param name="handlerTakesCancellationToken">True when the handler has a <see cref="CancellationToken"/> parameter.</param>
    /// <param name="acceptedStates">The protocol states in which it is accepted.</param>
    /// <param name="targetStates">The protocol states its handler may move to.</param>
    /// <param name="correlate">Reads the correlation keys from a message, or null when it declares none.</param>
    /// <param name="handlerIsSynchronous">True when the handler returns <c>void</c> or a value, so it cannot await.</param>
    /// <param name="caller">Whether the handler takes the message's <see cref="SessionCaller"/>, and whether it needs one.</param>
    // RS0022: deriving from this class is the point (each generated dispatch entry does); its base stays closed to
    // everyone else (private protected constructor), so nothing can implement SessionOperation's internal members.
#pragma warning disable RS0022
    protected SessionOperation(
        SessionProcessDefinition process,
        string name,
        bool startsSession,
        bool handlerTakesCancellationToken = false,
        ulong acceptedStates = SessionProtocol.AnyState,
        ulong targetStates = 0,
        Func<TMessage, CorrelationKey[]>? correlate = null,
        bool handlerIsSynchronous = false,
        CallerParameter caller = CallerParameter.None)
        : base(process, name, startsSession, acceptedStates, targetStates, caller)
#pragma warning restore RS0022
    {
        this.correlate = correlate;
        HandlerTakesCancellationToken = handlerTakesCancellationToken;
        HandlerIsSynchronous = handlerIsSynchronous;
    }

    private readonly Func<TMessage, CorrelationKey[]>? correlate;

    /// <inheritdoc/>
    public override IReadOnlyList<CorrelationKey> CorrelationKeysOf(object message) =>
        correlate is not null && message is TMessage typed ? correlate(typed) : [];

    /// <summary>True when the handler has a <see cref="CancellationToken"/> parameter (it then also sees the host stopping).</summary>
    internal bool HandlerTakesCancellationToken { get; }

    /// <inheritdoc/>
    public override Type? ResultType => typeof(TResult) == typeof(ValueTuple) ? null : typeof(TResult);

    /// <summary>Sends <paramref name="message"/> from <paramref name="caller"/> to session <paramref name="id"/>; completes with the handler's result.</summary>
    internal ValueTask<TResult> SendAsync(SessionHost host, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (RefusedWithout(caller, id) is { } refused)
        {
            return ValueTask.FromException<TResult>(refused);
        }

        SessionContext? session = host.Find(id, out Exception? error);
        return session is null && host.MayLoad(Process, error)
            ? SendAfterLoadAsync(host, id, message, caller, cancellationToken)
            : WithResult(Offer(session, id, message, caller, cancellationToken, ref error), error);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="client"/>'s session; completes with the handler's result.</summary>
    public ValueTask<TResult> SendAsync(SessionClient client, TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (RefusedWithout(client) is { } refused)
        {
            return ValueTask.FromException<TResult>(refused);
        }

        if (client.LocalHost is null)
        {
            return SendThroughAsync(client, message, cancellationToken);
        }

        SessionContext? session = client.Resolve(out Exception? error);
        if (session is null && client.LocalHost!.MayLoad(Process, error))
        {
            return SendAfterLoadAsync(client.LocalHost!, client.Id, message, client.Caller, cancellationToken);
        }

        Request<TProcess, TMessage, TResult>? request = Offer(session, client.Id, message, client.Caller, cancellationToken, ref error);
        return request is null && LeftMemory(session, client.LocalHost!, error)
            ? SendAfterLoadAsync(client.LocalHost!, client.Id, message, client.Caller, cancellationToken)
            : WithResult(request, error);
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="client"/>'s session, for an operation without a result.</summary>
    public ValueTask SendWithoutResultAsync(SessionClient client, TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (RefusedWithout(client) is { } refused)
        {
            return ValueTask.FromException(refused);
        }

        if (client.LocalHost is null)
        {
            return new ValueTask(SendThroughAsync(client, message, cancellationToken).AsTask());
        }

        SessionContext? session = client.Resolve(out Exception? error);
        if (session is null && client.LocalHost!.MayLoad(Process, error))
        {
            return new ValueTask(SendAfterLoadAsync(client.LocalHost!, client.Id, message, client.Caller, cancellationToken).AsTask());
        }

        Request<TProcess, TMessage, TResult>? request = Offer(session, client.Id, message, client.Caller, cancellationToken, ref error);
        return request is null && LeftMemory(session, client.LocalHost!, error)
            ? new ValueTask(SendAfterLoadAsync(client.LocalHost!, client.Id, message, client.Caller, cancellationToken).AsTask())
            : WithoutResult(request, error);
    }

    /// <summary>True when the session refused the message because it was leaving memory (passivated): it loads again.</summary>
    private bool LeftMemory(SessionContext? session, SessionHost host, Exception? error) =>
        session is { IsUnloaded: true } && host.MayLoad(Process, error);

    /// <summary>
    /// A durable session that is not in memory: loads it from the host's store, then sends. If it leaves memory again
    /// before it takes the message, it is loaded again while this sender keeps its place among those waiting.
    /// </summary>
    private async ValueTask<TResult> SendAfterLoadAsync(SessionHost host, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        (SessionContext _, Request<TProcess, TMessage, TResult>? request, Exception? error) = await host.QueueOnLoadedAsync(
            Process,
            id,
            session =>
            {
                Exception? error = null;
                SessionContext found = session ?? throw SessionNotFoundException.NoSuchSession(id);
                return (found, Offer(found, id, message, caller, cancellationToken, ref error), error);
            },
            (session, offered) => offered.Item2 is null && LeftMemory(session, host, offered.Item3),
            cancellationToken).ConfigureAwait(false);
        return await WithResult(request, error).ConfigureAwait(false);
    }

    private static ValueTask<TResult> WithResult(Request<TProcess, TMessage, TResult>? request, Exception? error) =>
        request is null ? ValueTask.FromException<TResult>(error!) : new ValueTask<TResult>(request, request.Version);

    private static ValueTask WithoutResult(Request<TProcess, TMessage, TResult>? request, Exception? error) =>
        request is null ? ValueTask.FromException(error!) : new ValueTask(request, request.Version);

    /// <summary>
    /// Starts a new session with this starter; completes with its id once the starter has run. On a host bound to a caller
    /// (<see cref="SessionCallerExtensions.As"/>), the starter's message comes from that caller.
    /// </summary>
    public async ValueTask<SessionId> StartAsync(ISessionHost host, TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        SessionId id = SessionId.New();
        SessionCaller? caller = (host as CallerBoundHost)?.Caller;
        SessionHost? local = host as SessionHost ?? (host as CallerBoundHost)?.Inner as SessionHost;
        if (local is not null)
        {
            await StartWithIdAsync(local, id, message, caller, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Another host's server decides whether its caller may start (over HTTP the caller is its authentication).
            ArgumentNullException.ThrowIfNull(message);
            await host.SendAsync(id, message, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    internal ValueTask<TResult> StartWithIdAsync(SessionHost host, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(message);
        if (!StartsSession)
        {
            throw new InvalidOperationException($"Operation '{this}' does not start sessions.");
        }

        if (RefusedWithout(caller, id) is { } refused)
        {
            return ValueTask.FromException<TResult>(refused);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<TResult>(cancellationToken);
        }

        if (Process.Settings.Execution == ExecutionMode.Sequential)
        {
            return StartInTurnAsync(host, id, message, caller, cancellationToken);
        }

        return StartNow(host, id, message, caller, cancellationToken);
    }

    private ValueTask<TResult> StartNow(SessionHost host, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        var request = Request<TProcess, TMessage, TResult>.Rent(this, message, caller, cancellationToken, CallChain.Current);
        SessionContext? session = host.TryStart(Process, id, request, CorrelationKeysOf(message), out Exception? error);
        if (session is null)
        {
            request.Recycle();
            return ValueTask.FromException<TResult>(error!);
        }

        request.AttachTo(session);
        request.ListenForCancellation();
        var pending = new ValueTask<TResult>(request, request.Version);
        session.BeginTurn();
        return pending;
    }

    /// <summary>Sequential execution: wait until no session of this process runs, then start.</summary>
    private async ValueTask<TResult> StartInTurnAsync(SessionHost host, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        await host.WaitForSequentialTurnAsync(Process, cancellationToken).ConfigureAwait(false);
        return await StartNow(host, id, message, caller, cancellationToken).ConfigureAwait(false);
    }

    internal ValueTask<TResult> InvokeHandler(TProcess process, TMessage message, SessionCaller? caller, CancellationToken cancellationToken) =>
        CallHandler(process, message, caller, cancellationToken);

    /// <summary>Calls the user's handler method with the message's fields: what a session's turn runs per message.</summary>
    /// <param name="process">The session's process instance.</param>
    /// <param name="message">The message.</param>
    /// <param name="caller">Who sent it (<see langword="null"/>: anonymous), passed on when the handler takes a <see cref="SessionCaller"/>.</param>
    /// <param name="cancellationToken">The handler's token, passed on when it has a <see cref="CancellationToken"/> parameter.</param>
    /// <returns>The handler's result.</returns>
    protected abstract ValueTask<TResult> CallHandler(TProcess process, TMessage message, SessionCaller? caller, CancellationToken cancellationToken);

    internal override ValueTask<object?> SendBoxedAsync(SessionHost host, SessionId id, object? message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        if (message is not TMessage typed)
        {
            return ValueTask.FromException<object?>(new MessageTypeMismatchException(id, Name, typeof(TMessage), message?.GetType()));
        }

        ValueTask<TResult> pending = StartsSession
            ? StartWithIdAsync(host, id, typed, caller, cancellationToken)
            : SendAsync(host, id, typed, caller, cancellationToken);
        return Box(pending);
    }

    private static ValueTask<object?> Box(ValueTask<TResult> pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return new ValueTask<object?>(BoxResult(pending.Result));
        }

        return AwaitAndBoxAsync(pending);

        static async ValueTask<object?> AwaitAndBoxAsync(ValueTask<TResult> pending) =>
            BoxResult(await pending.ConfigureAwait(false));
    }

    private static object? BoxResult(TResult result) => typeof(TResult) == typeof(ValueTuple) ? null : result;

    /// <summary>
    /// Offers <paramref name="message"/> to <paramref name="session"/> (null when it was not found, with
    /// <paramref name="error"/> saying why): the request to await once it is queued (or waits for room, see
    /// <see cref="MailboxFullMode.Wait"/>), or null with the error for the caller.
    /// </summary>
    private Request<TProcess, TMessage, TResult>? Offer(
        SessionContext? session, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken, ref Exception? error) =>
        Offer(session, id, message, caller, cancellationToken, ref error, out _);

    /// <summary>As <see cref="Offer(SessionContext?, SessionId, TMessage, SessionCaller?, CancellationToken, ref Exception?)"/>; <paramref name="queued"/> says the message is in the queue, not waiting for room.</summary>
    private Request<TProcess, TMessage, TResult>? Offer(
        SessionContext? session, SessionId id, TMessage message, SessionCaller? caller, CancellationToken cancellationToken, ref Exception? error, out bool queued, MessageId carried = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        queued = false;
        if (cancellationToken.IsCancellationRequested)
        {
            error = new OperationCanceledException(cancellationToken);
            return null;
        }

        if (session is null || !Accepts(session, id, ref error))
        {
            return null;
        }

        // A handler awaiting a session that waits for it (its own, or one further up its call chain) would wait for ever.
        CallChain? chain = CallChain.Current;
        if (chain?.CycleTo(session, Name) is { } cycle)
        {
            error = cycle;
            return null;
        }

        var request = Request<TProcess, TMessage, TResult>.Rent(this, message, caller, cancellationToken, chain);
        request.Carry(carried);
        request.AttachTo(session);

        // Before the message is queued: it may run, inline, before TryPostMessage returns.
        request.ListenForCancellation();
        CallTimeline.Mark(13);
        switch (session.TryPostMessage(request, mayRunInline: true))
        {
            case EnqueueResult.Accepted:
                queued = true;
                return request;
            case EnqueueResult.Waiting:
                return request;
            case EnqueueResult.Full:
                request.Recycle();
                error = new MailboxFullException(id, session.Definition.Settings.MailboxCapacity);
                return null;
            default:
                request.Recycle();
                error = session.Host.EndedError(id);
                return null;
        }
    }

    private bool Accepts(SessionContext session, SessionId id, ref Exception? error)
    {
        if (session.Definition == Process)
        {
            return true;
        }

        error = new UnknownOperationException(
            id, Name, $"Session '{id}' runs process '{session.Definition.ProtocolName}', which does not declare operation '{this}'.");
        return false;
    }
}
