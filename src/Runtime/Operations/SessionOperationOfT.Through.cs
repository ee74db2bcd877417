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

    private static async ValueTask<TResult> Typed(ValueTask<object?> pending)
    {
        object? result = await pending.ConfigureAwait(false);

        // An operation without a result answers null: its TResult is the ValueTuple marker.
        return result is null && typeof(TResult) == typeof(ValueTuple) ? default! : (TResult)result!;
    }
}
