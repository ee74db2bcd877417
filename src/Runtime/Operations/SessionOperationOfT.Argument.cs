namespace SessionGen.Infrastructure;

/// <summary>
/// One-way messages that travel as their handler's one small argument (<see cref="OneWayArgument"/>): the generated
/// <c>Post{Operation}</c> of such an operation queues the argument in the slot of the session's queue and the turn calls
/// the handler with it, so a post makes no object at all (issue 16). Everything else about the message is as for
/// <see cref="Post(SessionClient, TMessage)"/>; wherever a record is needed, it is made from the argument.
/// </summary>
public abstract partial class SessionOperation<TProcess, TMessage, TResult>
{
    /// <summary>
    /// As <see cref="Post(SessionClient, TMessage)"/> for the message made of <paramref name="argument"/>: queued as the
    /// argument itself when the session runs in this process, is in memory, and the message needs nothing a record
    /// carries (a caller, its own clock); otherwise the record is made and posted.
    /// </summary>
    /// <param name="client">The session's client.</param>
    /// <param name="argument">The handler's argument (default for a handler without one).</param>
    /// <returns>True when the session accepted the message; see <see cref="Post(SessionClient, TMessage)"/>.</returns>
    /// <exception cref="SessionCallerRequiredException">The handler needs a caller and the client has none.</exception>
    /// <exception cref="NotSupportedException">The operation's messages do not travel as an argument (see <see cref="MessageFrom"/>).</exception>
    public bool Post(SessionClient client, OneWayArgument argument)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (argumentShape <= 0 && !TravelsAsArgument())
        {
            // Refused here, before anything is queued: an entry of an operation without argument members would throw
            // out of its turn (MessageFrom, again on the fault path for the dead letter), on a thread-pool thread.
            throw new NotSupportedException($"Operation '{this}' has no message made of one argument: post its message record.");
        }

        if (client.LocalHost is not null && client.Caller is null && Caller != CallerParameter.Required
            && client.ResolveToPost() is { } session && session.Definition == Process && !session.Definition.MessagesNeedTiming)
        {
            switch (session.TryPostOneWay(this, argument))
            {
                case EnqueueResult.Accepted:
                    return true;
                case EnqueueResult.Full:
                    return false;
            }

            // Closed: ended, or leaving memory (a durable session, loaded again for the message): the record's path
            // decides, from the start, as if this attempt had not been made (nothing was queued).
        }

        return Post(client, MessageFrom(argument));
    }

    /// <summary>Calls the handler with the argument a one-way message carried instead of its record.</summary>
    /// <param name="process">The session's process instance.</param>
    /// <param name="argument">The handler's argument.</param>
    /// <param name="cancellationToken">The handler's token, passed on when it has a <see cref="CancellationToken"/> parameter.</param>
    /// <returns>The handler's result.</returns>
    protected virtual ValueTask<TResult> CallHandler(TProcess process, OneWayArgument argument, CancellationToken cancellationToken) =>
        CallHandler(process, MessageFrom(argument), caller: null, cancellationToken);

    /// <summary>The message record made of the argument a one-way message carried.</summary>
    /// <param name="argument">The handler's argument.</param>
    /// <returns>The message.</returns>
    /// <exception cref="NotSupportedException">The operation's messages do not travel as an argument.</exception>
    protected virtual TMessage MessageFrom(OneWayArgument argument) =>
        throw new NotSupportedException($"Operation '{this}' has no message made of one argument: post its message record.");

    internal sealed override object RecordOf(OneWayArgument argument) => MessageFrom(argument);

    // Whether MessageFrom is the generator's (1) or this class's, which throws (-1); 0 until the first post asks.
    private int argumentShape;

    // Asked once per operation: the generated MessageFrom only makes a record (of the default argument here).
    private bool TravelsAsArgument()
    {
        if (argumentShape == 0)
        {
            int shape;
            try
            {
                _ = MessageFrom(default);
                shape = StartsSession ? -1 : 1;
            }
            catch (NotSupportedException)
            {
                shape = -1;
            }

            argumentShape = shape;
        }

        return argumentShape > 0;
    }
}
