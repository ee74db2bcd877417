using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// Finds where an untyped message goes, for transports: the operation a name denotes in a session's process, or the
/// session a message's correlation keys (or its <see cref="ExecutionMode.Single"/> process) identify. It decides
/// only; sending is the operation's.
/// </summary>
internal static class MessageRouter
{
    /// <summary>The message's operation, or null with the sender's error when it is not a generated session message.</summary>
    public static SessionOperation? OperationOf(SessionId id, object message, out Exception? error)
    {
        if (message is ISessionMessage sessionMessage)
        {
            error = null;
            return sessionMessage.Operation;
        }

        error = new UnknownOperationException(
            id, message.GetType().Name, $"'{message.GetType().FullName}' is not a session message: send a generated P.Messages.* record.");
        return null;
    }

    /// <summary>The non-starter operation named <paramref name="operation"/> of <paramref name="session"/>; null with the sender's error.</summary>
    public static SessionOperation? OperationNamed(SessionContext session, string operation, out Exception? error)
    {
        SessionOperation? target = session.Definition.FindOperation(operation);
        if (target is null || target.StartsSession)
        {
            error = new UnknownOperationException(
                session.Id, operation, $"Process '{session.Definition.ProtocolName}' of session '{session.Id}' has no operation '{operation}'.");
            return null;
        }

        error = null;
        return target;
    }

    /// <summary>The session a message without an id goes to; null with the sender's error.</summary>
    public static SessionContext? SessionFor(SessionRegistry registry, SessionOperation operation, object message, out Exception? error)
    {
        IReadOnlyList<CorrelationKey> keys = operation.CorrelationKeysOf(message);
        SessionContext? target = registry.Correlations.Find(keys) ?? registry.SingleSessionOf(operation.Process);
        if (target is not null)
        {
            error = null;
            return target;
        }

        string why = keys.Count == 0
            ? $"'{operation}' declares no correlation keys, so it needs a session id"
            : $"no session correlates with {string.Join(", ", keys)}";
        error = new SessionNotFoundException(default, $"Cannot route '{operation}': {why}.");
        return null;
    }
}
