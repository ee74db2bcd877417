namespace SessionGen;

/// <summary>
/// A handler awaited a message to a session whose handler is itself waiting for this call to finish: its own
/// session, or one that called it (A → B → A). Handled one message at a time, the message could only run after
/// the handler that waits for it, so the call fails at once instead of waiting for ever. Send it one way
/// (<c>Post…</c>) if the handler does not need the answer.
/// </summary>
public sealed class CallCycleException : SessionException
{
    /// <summary>Creates the exception for a call to <paramref name="sessionId"/> along <paramref name="callChain"/>.</summary>
    /// <param name="sessionId">The session the message was sent to.</param>
    /// <param name="operation">The operation the message was for.</param>
    /// <param name="callChain">The sessions whose handlers wait on each other, outermost first, ending with <paramref name="sessionId"/> again.</param>
    public CallCycleException(SessionId sessionId, string operation, IReadOnlyList<SessionId> callChain)
        : base(sessionId, Describe(sessionId, operation, callChain))
    {
        Operation = operation;
        CallChain = callChain;
    }

    /// <summary>The operation the message was for.</summary>
    public string Operation { get; }

    /// <summary>The sessions whose handlers wait on each other, outermost first; the last is the one called again.</summary>
    public IReadOnlyList<SessionId> CallChain { get; }

    private static string Describe(SessionId sessionId, string operation, IReadOnlyList<SessionId> callChain) =>
        $"A handler awaited '{operation}' on session '{sessionId}', which is already waiting for this call: " +
        $"{string.Join(" → ", callChain)}. The message could only run after the handler that waits for it; " +
        "send it one way (Post…) or do not await it from inside the chain.";
}
