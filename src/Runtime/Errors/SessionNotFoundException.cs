namespace SessionGen;

/// <summary>
/// The message was for a session that does not exist: it was never started, or it has ended
/// (also while the message waited in its queue). Jolie calls this a CorrelationError.
/// </summary>
public sealed class SessionNotFoundException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SessionNotFoundException(SessionId sessionId, string message)
        : base(sessionId, message)
    {
    }

    internal static SessionNotFoundException NoSuchSession(SessionId id) =>
        new(id, $"No session '{id}' exists on this host: it was never started or it has already ended.");

    internal static SessionNotFoundException EndedWhileQueued(SessionId id) =>
        new(id, $"Session '{id}' ended before this message was handled.");
}
