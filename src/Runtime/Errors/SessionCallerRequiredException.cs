namespace SessionGen;

/// <summary>
/// The message was sent without a caller to an operation whose handler takes a (non-nullable) <see cref="SessionCaller"/>:
/// it was refused before it reached the session, and the handler did not run. Send it through a host bound to a caller
/// (<c>host.As(caller)</c>, <c>P.Connect(host, id, caller)</c>); over HTTP the caller is the authenticated user, and this
/// is answered 401.
/// </summary>
public sealed class SessionCallerRequiredException : SessionException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="sessionId">The session the message was for.</param>
    /// <param name="operation">The operation whose handler needs a caller.</param>
    public SessionCallerRequiredException(SessionId sessionId, string operation)
        : base(
            sessionId,
            $"Operation '{operation}' of session '{sessionId}' needs a caller, and the message came without one: send it through a host bound to a caller (host.As(caller), P.Connect(host, id, caller)).")
    {
        Operation = operation;
    }

    /// <summary>The operation whose handler needs a caller.</summary>
    public string Operation { get; }
}
