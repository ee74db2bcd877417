namespace SessionGen;

/// <summary>
/// A store refused a session's record because its version does not follow the stored one: another host (or an older
/// activation) wrote the session meanwhile. The turn is not committed and its caller gets this exception.
/// </summary>
public sealed class SessionStoreConflictException : SessionException
{
    /// <summary>Creates the exception for session <paramref name="sessionId"/> of <paramref name="process"/>.</summary>
    public SessionStoreConflictException(string process, SessionId sessionId, long version)
        : base(sessionId, $"Session '{sessionId}' of process '{process}' was written by someone else: its record version {version} does not follow the stored one.")
    {
        Process = process;
        Version = version;
    }

    /// <summary>The process's protocol name.</summary>
    public string Process { get; }

    /// <summary>The version that was refused.</summary>
    public long Version { get; }
}
