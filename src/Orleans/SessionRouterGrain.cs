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
                    return await GrainFactory.GetGrain<ISessionGrain>(SessionGrain.Key(process, found))
                        .Send(operation, message, null, caller, cancellationToken).ConfigureAwait(true);
                }
            }

            if (entry.StartsSession)
            {
                return await GrainFactory.GetGrain<ISessionGrain>(SessionGrain.Key(process, SessionId.New()))
                    .Send(operation, message, null, caller, cancellationToken).ConfigureAwait(true);
            }

            return SessionReply.Of(Failures.Encode(
                new SessionNotFoundException(default, $"No session of process '{process}' has the correlation keys of this '{operation}' message ({string.Join(", ", keys)})."),
                default, operation));
        }
        catch (SessionPayloadException unwritten)
        {
            return SessionReply.Of(unwritten.Failure); // the session's result could not be written on its way here
        }
        catch (Exception exception) when (exception is not OutOfMemoryException and not TimeoutException and not OrleansException)
        {
            return SessionReply.Of(Failures.Encode(exception, default, operation));
        }
    }
}
