namespace SessionGen.Infrastructure;

/// <summary>
/// The typed client on a host that does not run its sessions in this process (<see cref="ISessionHost"/> other than
/// <see cref="SessionHost"/>): the message goes through the host's untyped members, and the boxed result comes back typed.
/// </summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    private static ValueTask<TResult> SendThroughAsync(SessionClient client, TMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Typed(client.Host.SendAsync(client.Id, message, cancellationToken));
    }

    private static ValueTask<TResult> SendThroughAsync(SessionClient client, TMessage message, MessageId messageId, CancellationToken cancellationToken) =>
        Typed(client.Host.SendAsync(client.Id, message!, messageId, cancellationToken));

    private static ValueTask<TResult> Typed(ValueTask<object?> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            return TypedAsync(pending);
        }

        // A result that is not a TResult fails the call, as it would after an await: a send never throws at its caller.
        try
        {
            return new ValueTask<TResult>(Cast(pending.Result));
        }
        catch (Exception exception)
        {
            return ValueTask.FromException<TResult>(exception);
        }
    }

    /// <remarks>
    /// Resumes on the caller's task scheduler when it has one of its own and no synchronization context (an Orleans
    /// grain's activation): the caller's own await goes back there anyway, and resuming here on the thread pool first
    /// cost two thread hops per call (to the pool, then back). A synchronization context (a UI thread) is never
    /// resumed on; on the thread pool both ways are the same.
    /// </remarks>
    private static async ValueTask<TResult> TypedAsync(ValueTask<object?> pending) =>
        Cast(await pending.ConfigureAwait(SynchronizationContext.Current is null));

    // An operation without a result answers null: its TResult is the ValueTuple marker.
    private static TResult Cast(object? result) =>
        result is null && typeof(TResult) == typeof(ValueTuple) ? default! : (TResult)result!;
}
