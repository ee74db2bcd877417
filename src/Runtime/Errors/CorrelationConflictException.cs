namespace SessionGen;

/// <summary>A correlation key was claimed for a session while another live session already holds it.</summary>
public sealed class CorrelationConflictException : SessionException
{
    /// <summary>Creates the exception.</summary>
    public CorrelationConflictException(SessionId sessionId, IReadOnlyList<CorrelationKey> keys)
        : base(sessionId, $"Another session already correlates with {string.Join(", ", keys)}.")
    {
        Keys = keys;
    }

    /// <summary>The keys that were claimed.</summary>
    public IReadOnlyList<CorrelationKey> Keys { get; }
}
