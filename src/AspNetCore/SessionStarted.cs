namespace SessionGen;

/// <summary>
/// The body of the <c>201 Created</c> answer to <c>POST prefix</c> (<c>MapSessionProcess</c>): the new session's id and,
/// when the starter returns a value, that value as the property <c>result</c>. Described in OpenAPI documents.
/// </summary>
public sealed class SessionStarted
{
    /// <summary>Creates the body.</summary>
    /// <param name="sessionId">The new session's id.</param>
    public SessionStarted(string sessionId) => SessionId = sessionId;

    /// <summary>The new session's id, for <c>prefix/{sessionId}/…</c>.</summary>
    public string SessionId { get; }
}
