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
    private CancellationToken cancellationToken;
    private CancellationTokenRegistration cancellationRegistration;
    private TResult? result;
    private Exception? error;

    public short Version => completion.Version;

    public static Request<TProcess, TMessage, TResult> Rent(
        SessionOperation<TProcess, TMessage, TResult> operation, TMessage message, CancellationToken cancellationToken)
    {
        Request<TProcess, TMessage, TResult> request = cached ?? new Request<TProcess, TMessage, TResult>();
        cached = null;
        request.operation = operation;
        request.message = message;
        request.cancellationToken = cancellationToken;
        return request;
    }

    /// <summary>Lets the caller's token withdraw the message while it still waits in the queue.</summary>
    public void ListenForCancellation()
    {
        if (cancellationToken.CanBeCanceled)
        {
            cancellationRegistration = cancellationToken.UnsafeRegister(
                static state => ((Request<TProcess, TMessage, TResult>)state!).Withdraw(), this);
        }
    }

    internal void AttachTo(SessionContext owner) => session = owner;

    internal override ValueTask RunAsync(SessionContext owner)
    {
        try
        {
            ValueTask<TResult> pending = operation.InvokeHandler((TProcess)owner.Process, message, cancellationToken);
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
            return default;
        }
    }

    internal override void Complete()
    {
        cancellationRegistration.Dispose();
        if (error is null)
        {
            completion.SetResult(result!);
        }
        else
        {
            completion.SetException(error);
        }
    }

    internal override void Reject(Exception reason)
    {
        cancellationRegistration.Dispose();
        completion.SetException(reason);
    }

    /// <summary>Returns a request that never reached a queue.</summary>
    internal void Recycle() => Return();

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        try
        {
            return completion.GetResult(token);
        }
        finally
        {
            Return();
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        try
        {
            completion.GetResult(token);
        }
        finally
        {
            Return();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => completion.GetStatus(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => completion.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        completion.OnCompleted(continuation, state, token, flags);

    private async ValueTask AwaitHandlerAsync(SessionContext owner, ValueTask<TResult> pending)
    {
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            error = Classify(owner, exception);
        }
    }

    // A handler that gave up because its caller cancelled is not a fault: the caller gets the
    // cancellation and the session carries on.
    private Exception Classify(SessionContext owner, Exception exception) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException(cancellationToken)
            : owner.Fault(operation.Name, exception);

    private void Withdraw()
    {
        if (session is not null && session.TryWithdraw(this))
        {
            Reject(new OperationCanceledException(cancellationToken));
        }
    }

    private void Return()
    {
        completion.Reset();
        operation = null!;
        message = null!;
        session = null;
        cancellationToken = default;
        cancellationRegistration = default;
        result = default;
        error = null;
        cached = this;
    }
}
