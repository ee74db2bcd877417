namespace SessionGen;

/// <summary>
/// The base of every error a sender of a session message can receive, and of <see cref="SubscriptionOverflowException"/>,
/// which a subscriber receives.
/// </summary>
public abstract class SessionException : Exception
{
    /// <summary>Creates the exception for <paramref name="sessionId"/>.</summary>
    protected SessionException(SessionId sessionId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SessionId = sessionId;
    }

    /// <summary>The session the message was sent to (or, for a subscriber, subscribed to).</summary>
    public SessionId SessionId { get; }
}
