using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace SessionGen;

/// <summary>
/// A message on its way through a session, and the completion its sender awaits. Pooled per thread, so a
/// request/response round trip allocates nothing of the runtime's own.
/// </summary>
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
    private SessionContext? session;
    private CancellationToken callerToken;
    private CancellationTokenRegistration callerRegistration;
    private CancellationTokenSource? handlerCancellation;
    private TimeoutHandle timeLimit;
    private TResult? result;
    private Exception? error;
    private long postedAt;
    private MessageTelemetry telemetry;

    // 1 once the caller has been answered: by the handler's outcome, a rejection, or the time limit.
    private int answered;

    // Set when the time limit answered the caller while the handler still runs: the request then
    // belongs to that handler and must never return to the pool.
    private bool abandoned;

    public short Version => completion.Version;

    internal override ulong AcceptedStates => operation.AcceptedStates;

    internal override ulong TargetStates => operation.TargetStates;

    internal override string Name => operation.Name;

    internal override long PostedAt => postedAt;

    public static Request<TProcess, TMessage, TResult> Rent(
        SessionOperation<TProcess, TMessage, TResult> operation, TMessage message, CancellationToken cancellationToken)
    {
        Request<TProcess, TMessage, TResult> request = cached ?? new Request<TProcess, TMessage, TResult>();
        cached = null;
        request.operation = operation;
        request.message = message;
        request.callerToken = cancellationToken;
        request.telemetry = MessageTelemetry.Capture();
        return request;
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
            return default;
        }

        owner.MarkMessageHandled();
        if (owner.Definition.Settings.HandlerTimeLimit is { } limit)
        {
            timeLimit = owner.Host.Timers.ScheduleOnClock(limit, OnTimeLimit);
        }

        using MessageTelemetry.Scope handling = telemetry.Start(owner, operation);
        try
        {
            // Unchecked: the request was offered only to a session of the operation's own process.
            ValueTask<TResult> pending = operation.InvokeHandler(Unsafe.As<TProcess>(owner.Process), message, HandlerToken(owner));
            if (pending.IsCompletedSuccessfully)
            {
                result = pending.Result;
                return default;
            }

            return AwaitHandlerAsync(owner, pending);
        }
        catch (Exception exception)
        {
            error = Classify(owner, exception);
            return error is SessionFaultedException faulted ? owner.RunFaultHandlerAsync(faulted) : default;
        }
    }

    internal override void Complete()
    {
        telemetry.Stop(session, operation, error);
        timeLimit.Cancel();
        callerRegistration.Dispose();
        handlerCancellation?.Dispose();
        if (Interlocked.Exchange(ref answered, 1) != 0)
        {
            return;
        }

        if (error is null)
        {
            completion.SetResult(result!);
        }
        else
        {
            completion.SetException(error);
        }
    }

    internal override void Reject(SessionContext owner, Exception answer, DeadLetterReason? reason)
    {
        callerRegistration.Dispose();
        if (reason is { } accepted)
        {
            owner.Host.DeadLetters.Post(new DeadLetter(owner.Id, operation.Name, message, accepted));
        }

        if (Interlocked.Exchange(ref answered, 1) == 0)
        {
            completion.SetException(answer);
        }
    }

    /// <summary>Returns a request that never reached a queue.</summary>
    internal void Recycle()
    {
        callerRegistration.Dispose();
        Return();
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
                Return();
            }
        }
    }

    // A caller that misuses its ValueTask (blocks on it unfinished, awaits it twice) gets the core's
    // InvalidOperationException, but must never recycle a request that is still queued or running.
    private bool IsFinished(short token) =>
        token == completion.Version && completion.GetStatus(token) != ValueTaskSourceStatus.Pending;

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => completion.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => completion.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);

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
            error = Classify(owner, exception);
            if (error is SessionFaultedException faulted)
            {
                await owner.RunFaultHandlerAsync(faulted).ConfigureAwait(false);
            }
        }
    }

    // A handler that gave up because its caller cancelled (or the host is stopping) is not a fault:
    // the caller gets the cancellation and the session carries on.
    private Exception Classify(SessionContext owner, Exception exception) =>
        exception is OperationCanceledException && (callerToken.IsCancellationRequested || owner.Host.StoppingToken.IsCancellationRequested)
            ? new OperationCanceledException(exception.Message, exception, callerToken)
            : owner.Fault(operation.Name, exception);

    private void Withdraw()
    {
        SessionContext? owner = session;
        switch (owner?.TryWithdraw(this))
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

    /// <summary>Runs on the clock's thread when the handler overran its limit.</summary>
    private void OnTimeLimit()
    {
        if (Interlocked.Exchange(ref answered, 1) != 0)
        {
            return;
        }

        abandoned = true;
        SessionContext owner = session!;
        var exceeded = new HandlerTimeLimitExceededException(owner.Id, operation.Name, owner.Definition.Settings.HandlerTimeLimit!.Value);
        try
        {
            handlerCancellation?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The handler finished in the meantime; its outcome was already refused by 'answered'.
        }

        owner.HandlerTimeLimitExceeded(exceeded);
        completion.SetException(exceeded);
    }

    private void Return()
    {
        if (abandoned)
        {
            return;
        }

        completion.Reset();
        operation = null!;
        message = null!;
        session = null;
        callerToken = default;
        callerRegistration = default;
        handlerCancellation = null;
        timeLimit = default;
        result = default;
        error = null;
        postedAt = 0;
        telemetry = default;
        answered = 0;
        cached = this;
    }
}
