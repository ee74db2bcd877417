using System.Runtime.CompilerServices;

namespace SessionGen.Infrastructure;

/// <summary>One-way messages: queued without a request of their own, run without anyone waiting.</summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    /// <summary>
    /// Queues <paramref name="message"/> for <paramref name="client"/>'s session and returns at once, without
    /// waiting for the handler (its result, if any, is dropped). True when the session accepted the message: it
    /// will be handled, or filed as a dead letter if the session ends first; a handler that throws follows the
    /// process's fault policy. False when it was not accepted: the session does not exist or has ended, the host
    /// is stopping, or the session's bounded mailbox is full (a one-way message never waits for room).
    /// </summary>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and the client has none.</exception>
    public bool Post(SessionClient client, TMessage message)
    {
        ArgumentNullException.ThrowIfNull(client);
        SessionCaller? caller = client.Caller;
        if (RefusedWithout(client) is { } refused)
        {
            throw refused;
        }

        if (client.LocalHost is null)
        {
            ArgumentNullException.ThrowIfNull(message);
            return client.Host.Post(client.Id, message);
        }

        SessionContext? session = client.Resolve(out Exception? error);
        if (session is null && client.LocalHost!.MayLoad(Process, error))
        {
            return PostAfterLoad(client, message, caller);
        }

        return Post(session, client.Id, message, caller)
            || (LeftMemory(session, client.LocalHost!, SessionNotFoundException.NoSuchSession(client.Id))
                && PostAfterLoad(client, message, caller));
    }

    // A method of its own so the closure it makes is allocated only on this path: a lambda in Post would make the
    // compiler allocate its captures on entry to Post, for every message (48 B a post, issue 16).
    private bool PostAfterLoad(SessionClient client, TMessage message, SessionCaller? caller) =>
        PostAfterLoad(client.LocalHost!, client.Id, message, session => Post(session, client.Id, message, caller));

    /// <summary>
    /// A durable session that is not in memory: accepted now, queued by <paramref name="post"/> once the session is
    /// loaded (again, if it leaves memory meanwhile). If the store has no such session (or it cannot be loaded, or
    /// refuses the message), the message is filed as a dead letter.
    /// </summary>
    /// <remarks>
    /// Counted as a late filer of dead letters (<see cref="SessionHost.CountOutlivingTurn"/>) until it has queued or filed
    /// the message: the load may fail because the host stopped meanwhile, after the host had completed its dead-letter
    /// subscriptions (no session of its was left to wait for), and the letter then missed every subscriber. Counted
    /// before the host is seen running: a host that begins to stop after that sees the count; one seen stopping refuses
    /// the post (false), as it refuses any other.
    /// </remarks>
    private bool PostAfterLoad(SessionHost host, SessionId id, TMessage message, Func<SessionContext, bool> post)
    {
        ArgumentNullException.ThrowIfNull(message);
        host.CountOutlivingTurn();
        if (host.IsStopping)
        {
            host.OutlivingTurnLeft();
            return false;
        }

        _ = PostAfterLoadAsync(host, id, message, post);
        return true;
    }

    private async Task PostAfterLoadAsync(SessionHost host, SessionId id, TMessage message, Func<SessionContext, bool> post)
    {
        bool posted;
        try
        {
            // A session that leaves memory again before it takes the message is loaded again, this sender keeping its
            // place among those waiting (its own later messages behind it).
            posted = await host.QueueOnLoadedAsync(
                Process, id, session => session is not null && post(session), static (session, posted) => !posted && session!.IsUnloaded, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception)
        {
            posted = false;
        }

        try
        {
            if (!posted)
            {
                DeadLetterReason reason = host.IsStopping ? DeadLetterReason.HostStopping : DeadLetterReason.SessionEnded;
                host.DeadLetters.Post(new DeadLetter(id, Name, message, reason));
            }
        }
        finally
        {
            host.OutlivingTurnLeft();
        }
    }

    private bool Post(SessionContext? session, SessionId id, TMessage message, SessionCaller? caller)
    {
        ArgumentNullException.ThrowIfNull(message);
        Exception? error = null;
        if (session is null || !Accepts(session, id, ref error))
        {
            return false;
        }

        if (session.Definition.MessagesNeedTiming || caller is not null)
        {
            // These settings need the message's own clock and timer, and a caller needs a place to travel in (a one-way
            // entry holds only the operation and the message): it travels as a request nobody awaits.
            return PostRequest(session, message, caller) is not null;
        }

        return session.TryPostOneWay(this, message) == EnqueueResult.Accepted;
    }

    /// <summary>
    /// Queues <paramref name="message"/> one way as a request (which reports its outcome); null when it was not
    /// accepted. It never waits for room (fail fast whatever the process's mode), so "not accepted" is final: a
    /// request that had waited could be admitted, and run, after its sender was told false.
    /// </summary>
    private Request<TProcess, TMessage, TResult>? PostRequest(SessionContext session, TMessage message, SessionCaller? caller, MessageId carried = default)
    {
        var request = Request<TProcess, TMessage, TResult>.Rent(this, message, caller, CancellationToken.None);
        request.Carry(carried);
        request.AttachTo(session);
        if (session.TryPostMessage(request, mayRunInline: false, MailboxFullMode.FailFast) == EnqueueResult.Accepted)
        {
            return request;
        }

        request.Recycle();
        return null;
    }

    internal override bool PostBoxed(SessionClient client, object message, MessageId messageId)
    {
        if (StartsSession)
        {
            throw new InvalidOperationException($"'{this}' starts sessions: a starter message cannot be posted one way; send it.");
        }

        // Checked, as SendBoxedAsync does: a message names its operation itself (ISessionMessage.Operation, a public
        // interface), so it may name one whose record it is not, and an unchecked cast would hand the handler its fields
        // as the record's. One type compare per untyped post; the generated Post{Op} is typed and does not come here.
        if (message is not TMessage typed)
        {
            throw new MessageTypeMismatchException(client.Id, Name, typeof(TMessage), message.GetType());
        }

        return messageId == default ? Post(client, typed) : Post(client, typed, messageId);
    }

    internal override ValueTask RunOneWayAsync(SessionContext owner, in MailboxEntry entry)
    {
        MessageTelemetry telemetry = default;
        using HandlerScope scope = HandlerScope.Enter(owner, callerChain: null, HandlerIsSynchronous);
        using MessageTelemetry.Scope handling = telemetry.Start(owner, this);
        return RunHandler(owner, entry, telemetry);
    }

    internal override ValueTask RunOneWayInRun(SessionContext owner, in MailboxEntry entry) => RunHandler(owner, entry, telemetry: default);

    // The handler call and its outcome, inside whatever scope the caller entered (its own, or its turn's run's).
    private ValueTask RunHandler(SessionContext owner, in MailboxEntry entry, MessageTelemetry telemetry)
    {
        try
        {
            CancellationToken token = HandlerTakesCancellationToken ? owner.Host.StoppingToken : default;
            // Unchecked casts (a checked cast to a type parameter costs a lookup in shared generic code): Post
            // queues only a TMessage, and only on a session of this operation's own process.
            TProcess process = Unsafe.As<TProcess>(owner.Process);
            ValueTask<TResult> pending = entry.CarriesArgument
                ? CallHandler(process, entry.Argument, token)
                : InvokeHandler(process, Unsafe.As<TMessage>(entry.Record), caller: null, token);
            if (pending.IsCompletedSuccessfully)
            {
                _ = pending.Result;
                telemetry.Stop(owner, this, error: null);
                return default;
            }

            return AwaitOneWayAsync(owner, entry, pending, telemetry);
        }
        catch (Exception exception)
        {
            return OneWayFailed(owner, entry.Message, exception, telemetry);
        }
    }

    private async ValueTask AwaitOneWayAsync(SessionContext owner, MailboxEntry entry, ValueTask<TResult> pending, MessageTelemetry telemetry)
    {
        try
        {
            await pending.ConfigureAwait(false);
            telemetry.Stop(owner, this, error: null);
        }
        catch (Exception exception)
        {
            await OneWayFailed(owner, entry.Message, exception, telemetry).ConfigureAwait(false);
        }
    }

    // Nobody waits for a one-way message: a handler that gave up because the host is stopping leaves a dead
    // letter; any other failure is a fault of the session (the shared rule decides which).
    private ValueTask OneWayFailed(SessionContext owner, object message, Exception exception, MessageTelemetry telemetry)
    {
        Exception classified = HandlerFailure.Classify(owner, Name, exception, callerToken: default);
        telemetry.Stop(owner, this, classified);
        if (classified is OperationCanceledException)
        {
            owner.Host.DeadLetters.Post(new DeadLetter(owner.Id, Name, message, DeadLetterReason.HostStopping));
        }

        return HandlerFailure.RunFaultHandler(owner, classified);
    }
}
