using System.Runtime.ExceptionServices;
using Orleans.Concurrency;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>
/// Routes a message by its correlation keys: finds the durable session that has one of them in the shared store and
/// forwards the message to that session's grain (a starter that matches none starts a new session).
/// </summary>
[StatelessWorker]
[GrainType("sessiongen-router")]
internal sealed class SessionRouterGrain : Grain, ISessionRouterGrain
{
    private readonly SiloSessions sessions;

    public SessionRouterGrain(SiloSessions sessions) => this.sessions = sessions;

    public async Task<SessionReply> SendCorrelated(string process, string operation, SessionPayload message, WireCaller? caller, CancellationToken cancellationToken)
    {
        SessionProcessDefinition? definition = sessions.Find(process);
        if (definition is null)
        {
            return SessionReply.Of(Failures.UnknownProcess(process, default, operation));
        }

        SessionOperation? entry = definition.FindOperation(operation);
        if (entry is null)
        {
            return SessionReply.Of(Failures.UnknownOperation(process, default, operation));
        }

        try
        {
            ISessionStore? store = sessions.Host.Store;
            if (store is null || !definition.IsDurable)
            {
                throw new InvalidOperationException(
                    $"A cluster routes by correlation key only to durable sessions, through the silos' store: process '{process}' is not durable, or the silos have no store.");
            }

            object decoded = message.ReadMessage(entry, sessions.Json);
            IReadOnlyList<CorrelationKey> keys = entry.CorrelationKeysOf(decoded);
            foreach (CorrelationKey key in keys)
            {
                if (await store.FindAsync(process, key, cancellationToken).ConfigureAwait(true) is { } found)
                {
                    return await ForwardAsync(process, found, operation, message, caller, cancellationToken).ConfigureAwait(true);
                }
            }

            if (entry.StartsSession)
            {
                return await ForwardAsync(process, SessionId.New(), operation, message, caller, cancellationToken).ConfigureAwait(true);
            }

            return SessionReply.Of(Failures.Encode(
                new SessionNotFoundException(default, $"No session of process '{process}' has the correlation keys of this '{operation}' message ({string.Join(", ", keys)})."),
                default, operation));
        }
        catch (SessionPayloadException unwritten)
        {
            return SessionReply.Of(unwritten.Failure); // the session's result could not be written on its way here
        }
        catch (UnwrittenMessageException unwritten)
        {
            // The caller's own object (this worker is on its silo), which could not be written for the session's silo:
            // the sender gets its writer's exception, as a send to the session's id does.
            unwritten.Error.Throw();
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not TimeoutException and not OrleansException)
        {
            return SessionReply.Of(Failures.Encode(exception, default, operation));
        }
    }

    /// <summary>
    /// Sends the message to the session's grain. A call with the caller's object (not JSON) fails with anything but
    /// Orleans' own failures only when Orleans could not write the message for another silo.
    /// </summary>
    private async Task<SessionReply> ForwardAsync(string process, SessionId id, string operation, SessionPayload message, WireCaller? caller, CancellationToken cancellationToken)
    {
        try
        {
            return await GrainFactory.GetGrain<ISessionGrain>(SessionGrain.Key(process, id))
                .Send(operation, message, null, caller, cancellationToken).ConfigureAwait(true);
        }
        catch (Exception exception) when (message.Json is null && exception is not (SessionPayloadException or OutOfMemoryException
            or TimeoutException or OrleansException or OperationCanceledException))
        {
            throw new UnwrittenMessageException(ExceptionDispatchInfo.Capture(exception));
        }
    }

    /// <summary>The writer's exception of a message that could not leave this silo, kept apart from the router's own failures.</summary>
#pragma warning disable RCS1194 // Implement exception constructors: made and caught only here.
    private sealed class UnwrittenMessageException(ExceptionDispatchInfo error) : Exception(error.SourceException.Message, error.SourceException)
#pragma warning restore RCS1194
    {
        public ExceptionDispatchInfo Error { get; } = error;
    }
}
