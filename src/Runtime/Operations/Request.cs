using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// A message on its way through a session, and the completion its sender awaits. Pooled per thread, so a
/// request/response round trip allocates nothing of the runtime's own.
/// </summary>
/// <remarks>
/// Its lifecycle: rented, attached to a session, queued, run on the turn, answered exactly once (by the handler's
/// outcome, a rejection or the time limit), then returned to the pool once its sender has read the answer. Each use
/// has a generation: callbacks that can arrive late (the time limit) carry the generation they were armed for, and
/// the answer is claimed with one compare-and-swap on generation and "answered" together, so a late callback of an
/// earlier use can never touch the current one. A request whose time limit answered while its handler still runs
/// belongs to that handler and never goes back to the pool.
/// </remarks>
internal sealed class Request<TProcess, TMessage, TResult> : MailboxItem, IValueTaskSource<TResult>, IValueTaskSource
    where TProcess : class
    where TMessage : class
{
    [ThreadStatic]
    private static Request<TProcess, TMessage, TResult>? cached;

    // Continuations run on the thread pool, never inside the session's turn: a caller that blocks or
    // sends again to the same session cannot stall or re-enter it.
    private ManualResetValueTaskSourceCore<TResult> completion = new() { RunContinuationsAsynchronously = true };
    private SessionOperation<TProcess, TMessage, TResult> operation = null!;
    private TMessage message = null!;

    // Who sent it: handed to a handler that takes a SessionCaller; null for an anonymous message.
    private SessionCaller? caller;
    private SessionContext? session;
    private CallChain? callerChain;

    // The session whose running handler awaits this request, once it does (see WaitForGraph).
    private SessionContext? waiter;
    private CancellationToken callerToken;
    private CancellationTokenRegistration callerRegistration;
    private CancellationTokenSource? handlerCancellation;
    private TimeoutHandle timeLimit;
    private TResult? result;
    private Exception? error;
    private long postedAt;
    private MessageTelemetry telemetry;

    // The message id it was sent with, if any: a durable session stores the id and the outcome with the turn.
    private MessageId messageId;

    // The generation of this use, shifted left by one, with the low bit set once the sender has been answered.
    private int stamp;

    // Under a time limit: the handler finished first, so the answer is its outcome (claimed then, given in Complete).
    private bool claimedByHandler;

    // Set when the time limit answered the caller while the handler still runs: the request then
    // belongs to that handler and must never return to the pool.
    private bool abandoned;

    // Set once the thread that answered has left SetResult/SetException. A caller that sees the answer can read it
    // before then (an await that finds it complete); returning the object to the pool before the answering thread is
    // done would let that thread's last write land in the object's next use, so until then it is left to the GC.
    private bool published;

    public short Version => completion.Version;

    /// <summary>Which use of the pooled object this is; callbacks armed for an earlier use compare it.</summary>
    internal int Generation => Volatile.Read(ref stamp) >> 1;

    internal override ulong AcceptedStates => operation.AcceptedStates;

    internal override ulong TargetStates => operation.TargetStates;

    internal override string Name => operation.Name;

    internal override long PostedAt => postedAt;

    internal override bool IsMessage => true;

    /// <summary>Rents a request for an anonymous message.</summary>
    public static Request<TProcess, TMessage, TResult> Rent(
        SessionOperation<TProcess, TMessage, TResult> operation, TMessage message, CancellationToken cancellationToken) =>
        Rent(operation, message, caller: null, cancellationToken);

    public static Request<TProcess, TMessage, TResult> Rent(
        SessionOperation<TProcess, TMessage, TResult> operation, TMessage message, SessionCaller? caller, CancellationToken cancellationToken, CallChain? callerChain = null)
    {
        Request<TProcess, TMessage, TResult> request = cached ?? new Request<TProcess, TMessage, TResult>();
        cached = null;
        request.operation = operation;
        request.message = message;
        request.caller = caller;
        request.callerToken = cancellationToken;
        request.callerChain = callerChain;
        request.telemetry = MessageTelemetry.Capture();
        return request;
    }

    internal override void MoveTo(SessionContext owner) => session = owner;

    internal override bool TryAnswerCancelled(SessionContext owner, bool accepted)
    {
        if (!callerToken.IsCancellationRequested)
        {
            return false;
        }

        Reject(owner, new OperationCanceledException(callerToken), accepted ? DeadLetterReason.Cancelled : null);
        return true;
    }

    internal override bool IsCancelled => callerToken.IsCancellationRequested;

    internal override bool CarriesMessageId => messageId.Value.Length > 0;

    /// <summary>Says which message id it carries; before it is queued (it may run at once).</summary>
    internal void Carry(MessageId id) => messageId = id;

    internal override bool TryWriteHandledId(System.Text.Json.Utf8JsonWriter json, System.Text.Json.JsonSerializerOptions options, string process, DateTimeOffset handledAt)
    {
        if (messageId.Value.Length == 0 || (error is not null && !MessageIdEntry.MeansHandled(error)))
        {
            return false;
        }

        StoredMessageIds.Write(json, messageId, caller?.Id, operation.Name, handledAt, result, error, options, process);
        return true;
    }

    internal void AttachTo(SessionContext owner)
    {
        session = owner;
        if (owner.Definition.Settings.MessageTimeToLive is not null || owner.Definition.Settings.HoldLimit is not null)
        {
            postedAt = owner.Host.TimeProvider.GetTimestamp();
        }
    }

    /// <summary>Lets the caller's token withdraw the message while it still waits in the queue.</summary>
    public void ListenForCancellation()
    {
        if (callerToken.CanBeCanceled)
        {
            callerRegistration = callerToken.UnsafeRegister(
                static state => ((Request<TProcess, TMessage, TResult>)state!).Withdraw(), this);
        }
    }

    internal override ValueTask RunAsync(SessionContext owner)
    {
        if (owner.Definition.Settings.MessageTimeToLive is { } timeToLive
            && owner.Host.TimeProvider.GetElapsedTime(postedAt) > timeToLive)
        {
            owner.Host.DeadLetters.Post(new DeadLetter(owner.Id, operation.Name, message, DeadLetterReason.Expired));
            error = new MessageExpiredException(owner.Id, operation.Name, timeToLive);
            EndIfStartFailed(owner);
            return default;
        }

        if (owner.Definition.Settings.HandlerTimeLimit is { } limit)
        {
            ArmTimeLimit(owner, limit);
        }

        using HandlerScope scope = HandlerScope.Enter(owner, callerChain, operation.HandlerIsSynchronous);
        using MessageTelemetry.Scope handling = telemetry.Start(owner, operation);
        try
        {
            // Unchecked: the request was offered only to a session of the operation's own process.
            ValueTask<TResult> pending = operation.InvokeHandler(Unsafe.As<TProcess>(owner.Process), message, caller, HandlerToken(owner));
            if (pending.IsCompletedSuccessfully)
            {
                result = pending.Result;
                ClaimIfLimited();
                return default;
            }

            return AwaitHandlerAsync(owner, pending);
        }
        catch (Exception exception)
        {
            return HandlerFailure.RunFaultHandler(owner, Failed(owner, exception));
        }
    }

    /// <summary>The handler threw: records what its sender will be told, and what that means for a start and a time limit.</summary>
    private Exception Failed(SessionContext owner, Exception exception)
    {
        error = HandlerFailure.Classify(owner, operation.Name, exception, callerToken);
        EndIfStartFailed(owner);
        ClaimIfLimited();
        return error;
    }

    /// <summary>
    /// Under a time limit, the handler that finished claims the answer at once: a limit falling due between the
    /// handler's end and the turn's report of it (<see cref="Complete"/>) then finds the answer taken.
    /// </summary>
    private void ClaimIfLimited()
    {
        if (session!.Definition.Settings.HandlerTimeLimit is not null)
        {
            claimedByHandler = TryClaimAnswer(Generation);
        }
    }

    /// <summary>
    /// Arms the handler's time limit for this use of the request. A method of its own: the closure over the generation
    /// would otherwise be allocated at the start of RunAsync on every message, limit or not (32 B per request).
    /// </summary>
    private void ArmTimeLimit(SessionContext owner, TimeSpan limit)
    {
        int generation = Generation;
        timeLimit = owner.Host.Timers.ScheduleOnClock(limit, () => OnTimeLimit(generation));
    }

    /// <summary>
    /// A starter whose caller hears of a failure (it expired, threw, or gave up on its caller's cancellation) leaves no
    /// session behind, whatever the fault policy: its caller has no client for it, and a session whose start did not
    /// complete must not take messages.
    /// </summary>
    private void EndIfStartFailed(SessionContext owner)
    {
        if (operation.StartsSession)
        {
            owner.EndSession();
        }
    }

    internal override void FailOutcome(Exception failure)
    {
        result = default;
        error = failure;
    }

    internal override void Complete()
    {
        telemetry.Stop(session, operation, error);
        timeLimit.Cancel();
        callerRegistration.Dispose();
        handlerCancellation?.Dispose();
        Interleaving.Point();
        if (!claimedByHandler && !TryClaimAnswer(Generation))
        {
            return;
        }

        if (error is null)
        {
            completion.SetResult(result!);
            Published();
        }
        else
        {
            Answer(error);
        }
    }

    internal override void Reject(SessionContext owner, Exception answer, DeadLetterReason? reason)
    {
        callerRegistration.Dispose();
        if (reason is { } accepted)
        {
            owner.Host.DeadLetters.Post(new DeadLetter(owner.Id, operation.Name, message, accepted));
        }

        if (TryClaimAnswer(Generation))
        {
            Answer(answer);
        }
    }

    /// <summary>Gives the sender <paramref name="failure"/>; the caller has claimed the answer.</summary>
    private void Answer(Exception failure)
    {
        completion.SetException(failure);
        Published();
    }

    /// <summary>The answer is out: whoever awaited it waits no more, and the object may go back to the pool once read.</summary>
    private void Published()
    {
        StopBeingAwaited();
        Volatile.Write(ref published, true);
    }

    /// <summary>Returns a request that never reached a queue.</summary>
    internal void Recycle()
    {
        callerRegistration.Dispose();
        Return();
    }

    /// <summary>
    /// Runs on the clock's thread when the handler of use <paramref name="generation"/> overran its limit; does
    /// nothing when that use has already been answered or the object has moved on to another.
    /// </summary>
    internal void OnTimeLimit(int generation)
    {
        if (!TryClaimAnswer(generation))
        {
            return;
        }

        // From here on nothing else answers this use, so nobody returns it to the pool: its fields are stable.
        abandoned = true;
        Interleaving.Point();
        SessionContext owner = session!;
        var exceeded = new HandlerTimeLimitExceededException(owner.Id, operation.Name, owner.Definition.Settings.HandlerTimeLimit!.Value);
        owner.HandlerTimeLimitExceeded(exceeded, startFailed: operation.StartsSession);
        // Published too, though an abandoned request never goes back to the pool.
        Answer(exceeded);

        // Cancelling the handler's token runs the handler's own code (token callbacks, continuations): on the
        // thread pool, never on the clock's tick, and whatever it throws stays with the handler.
        if (handlerCancellation is { } cancellation)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static cancellation => CancelHandler(cancellation), cancellation, preferLocal: false);
        }
    }

    private static void CancelHandler(CancellationTokenSource cancellation)
    {
        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The handler finished in the meantime; its outcome is refused, the caller got the time limit.
        }
        catch (AggregateException)
        {
            // A callback the handler put on its token threw: the handler sees its cancellation, the caller is answered.
        }
    }

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        bool finished = IsFinished(token);
        try
        {
            return completion.GetResult(token);
        }
        finally
        {
            if (finished)
            {
                Interleaving.Point();
                Return();
            }
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        bool finished = IsFinished(token);
        try
        {
            completion.GetResult(token);
        }
        finally
        {
            if (finished)
            {
                Interleaving.Point();
                Return();
            }
        }
    }

    // A caller that misuses its ValueTask (blocks on it unfinished, awaits it twice) gets the core's
    // InvalidOperationException, but must never recycle a request that is still queued or running.
    private bool IsFinished(short token) =>
        token == completion.Version && completion.GetStatus(token) != ValueTaskSourceStatus.Pending && Volatile.Read(ref published);

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => completion.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => completion.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        NoteAwaited(token);
        completion.OnCompleted(continuation, state, token, flags);
    }

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        NoteAwaited(token);
        completion.OnCompleted(continuation, state, token, flags);
    }

    /// <summary>
    /// Someone awaits this unanswered request. Called in the awaiting flow, so when that is a running handler of
    /// another session, it now waits for this request's session: if that session waits, along its own handlers' waits,
    /// for the awaiting one, neither could ever go on, and the request is withdrawn with a <see cref="CallCycleException"/>.
    /// </summary>
    private void NoteAwaited(short token)
    {
        if (token != completion.Version || completion.GetStatus(token) != ValueTaskSourceStatus.Pending
            || operation.StartsSession || session is not { } target
            || CallChain.Current is not { IsSynchronous: false } chain || ReferenceEquals(chain.Session, target) || !chain.Session.IsRunning(chain.Run))
        {
            return;
        }

        SessionContext awaiting = chain.Session;
        Volatile.Write(ref waiter, awaiting);
        CallCycleException? cycle = WaitForGraph.StartWaiting(awaiting, chain.Run, target, operation.Name);
        if (cycle is not null && target.TryWithdraw(this) == ItemPlace.Queued)
        {
            // Never handled, and its sender is told why: no dead letter.
            Reject(target, cycle, reason: null);
        }
        else if (completion.GetStatus(token) != ValueTaskSourceStatus.Pending)
        {
            // Answered meanwhile, perhaps before the answer could see the waiter: the edge goes now.
            StopBeingAwaited();
        }
    }

    /// <summary>The request is answered: whoever awaited it waits for its session no more.</summary>
    private void StopBeingAwaited()
    {
        if (Volatile.Read(ref waiter) is { } awaiting && session is { } target)
        {
            awaiting.StopWaitingFor(target);
        }
    }

    /// <summary>Claims the right to answer use <paramref name="generation"/>; false when answered already or moved on.</summary>
    private bool TryClaimAnswer(int generation)
    {
        int unanswered = generation << 1;
        return Interlocked.CompareExchange(ref stamp, unanswered | 1, unanswered) == unanswered;
    }

    /// <summary>
    /// The token the handler sees: the caller's own, unless the handler takes a token and something else
    /// may cancel it too (the host stopping, the time limit), in which case a linked one.
    /// </summary>
    private CancellationToken HandlerToken(SessionContext owner)
    {
        if (!operation.HandlerTakesCancellationToken)
        {
            return callerToken;
        }

        handlerCancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken, owner.Host.StoppingToken);
        return handlerCancellation.Token;
    }

    private async ValueTask AwaitHandlerAsync(SessionContext owner, ValueTask<TResult> pending)
    {
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await HandlerFailure.RunFaultHandler(owner, Failed(owner, exception)).ConfigureAwait(false);
            return;
        }

        ClaimIfLimited();
    }

    private void Withdraw()
    {
        SessionContext? owner = session;
        Interleaving.Point();
        if (owner is null)
        {
            return;
        }

        // Counted as a late filer of dead letters (as a turn that outlives its session) from before it looks in the
        // queue until it has filed: what it takes out of the queue, it takes before the session can close it and leave,
        // so a host stopping meanwhile completes its dead-letter subscriptions only once this has filed. Uncounted, the
        // session could end and the host stop between the two, and the Cancelled letter miss every subscription
        // (InterleavingTests' disposal mix, seed 70037223). Only when a sender cancels: no cost per message.
        SessionHost host = owner.Host;
        host.CountOutlivingTurn();
        try
        {
            WithdrawFrom(owner);
        }
        finally
        {
            host.OutlivingTurnLeft();
        }
    }

    private void WithdrawFrom(SessionContext owner)
    {
        if (operation.StartsSession)
        {
            // A start withdrawn before it ran leaves nothing behind: its session ends with it.
            if (owner.TryWithdrawStarter(this))
            {
                Reject(owner, new OperationCanceledException(callerToken), DeadLetterReason.Cancelled);
            }

            return;
        }

        ItemPlace place = owner.TryWithdraw(this);
        if (place == ItemPlace.None)
        {
            // Not in its mailbox: it may be kept for the session's next load (the session left memory, or an unload
            // turned it away while it waited for room), where it would wait for that load to be answered, then run.
            place = owner.Host.TryWithdrawKept(owner, this);
        }

        // Taken out of the queue, not yet filed: the session may end and leave meanwhile, and its host stop.
        Interleaving.Point();

        switch (place)
        {
            case ItemPlace.Queued:
                Reject(owner, new OperationCanceledException(callerToken), DeadLetterReason.Cancelled);
                break;
            case ItemPlace.Waiting:
                // Still waiting for room: never accepted, so no dead letter.
                Reject(owner, new OperationCanceledException(callerToken), reason: null);
                break;
        }
    }

    private void Return()
    {
        if (abandoned)
        {
            return;
        }

        int next = Generation + 1;
        completion.Reset();
        operation = null!;
        message = null!;
        caller = null;
        session = null;
        callerChain = null;
        waiter = null;
        claimedByHandler = false;
        callerToken = default;
        callerRegistration = default;
        handlerCancellation = null;
        timeLimit = default;
        result = default;
        error = null;
        postedAt = 0;
        telemetry = default;
        messageId = default;
        published = false;
        Volatile.Write(ref stamp, next << 1);
        cached = this;
    }
}
