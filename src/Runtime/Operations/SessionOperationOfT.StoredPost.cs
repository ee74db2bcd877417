namespace SessionGen.Infrastructure;

/// <summary>
/// The one-way form of a durable process: a sender that does not want the handler's outcome still hears
/// <c>true</c> only once the turn that handled its message is stored, since a <c>true</c> given before the commit
/// could be lost with the process.
/// </summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="client"/>'s session without taking its handler's outcome.
    /// True once the turn that handled it has been stored (a handler that threw counts as handled: what the process's
    /// fault policy made of the turn is what was stored). False when the message was not handled and will not be: the
    /// session does not exist or has ended, the host is stopping, the mailbox is full (or, in <c>Wait</c> mode, it
    /// expired waiting for room). Nothing is filed as a dead letter: the sender knows.
    /// </summary>
    /// <exception cref="SessionStateException">The session could not be loaded, or the store failed to write the turn (which
    /// was then not applied): the reason is the sender's to see, not a plain false.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the message
    /// was handled; it was withdrawn if it was still queued.</exception>
    public ValueTask<bool> PostAsync(SessionClient client, TMessage message, CancellationToken cancellationToken) =>
        Stored(SendAsync(client, message, cancellationToken));

    /// <summary>
    /// As <see cref="PostAsync(SessionClient, TMessage, CancellationToken)"/>, once per <paramref name="messageId"/>: true
    /// also when a message with this id was already handled within the deduplication window (it is not handled again).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="messageId"/> is empty, or was sent to another operation of the session.</exception>
    public ValueTask<bool> PostAsync(SessionClient client, TMessage message, MessageId messageId, CancellationToken cancellationToken) =>
        Stored(SendAsync(client, message, messageId, cancellationToken));

    private static ValueTask<bool> Stored(ValueTask<TResult> pending)
    {
        if (pending.IsCompletedSuccessfully)
        {
            _ = pending.Result;
            return new ValueTask<bool>(true);
        }

        return StoredAsync(pending);
    }

    private static async ValueTask<bool> StoredAsync(ValueTask<TResult> pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
            return true;
        }
        catch (SessionFaultedException)
        {
            return true;
        }
        catch (SessionException exception) when (exception is not SessionStateException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false; // the host is stopping
        }
    }
}
