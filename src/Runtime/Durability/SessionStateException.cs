namespace SessionGen;

/// <summary>
/// A durable session's stored state cannot be written or loaded: a field's type changed in a way that no longer reads
/// the stored value, the serializer has no contract for a field's type, or a stored timeout no longer exists.
/// The message names the session, the process and the field.
/// </summary>
public sealed class SessionStateException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public SessionStateException(SessionId sessionId, string message, Exception? innerException = null)
        : base(sessionId, message, innerException)
    {
    }
}
