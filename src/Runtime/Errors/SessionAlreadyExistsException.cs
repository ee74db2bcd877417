namespace SessionGen;

/// <summary>A starter message named a session id that is already in use on this host.</summary>
public sealed class SessionAlreadyExistsException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SessionAlreadyExistsException(SessionId sessionId)
        : base(sessionId, $"Session '{sessionId}' already exists; a starter message always creates a new session.")
    {
    }

    /// <summary>Creates the exception with its own explanation.</summary>
    public SessionAlreadyExistsException(SessionId sessionId, string message)
        : base(sessionId, message)
    {
    }
}
