namespace SessionGen;

/// <summary>
/// The handlers an asynchronous flow runs inside, innermost first: the running handler's session, then the session
/// whose handler awaited it, and so on. Each handler runs under a frame of its own (see <see cref="HandlerScope"/>),
/// and an awaited message carries its sender's chain to the handler it reaches, so A → B → A is seen at B's send.
/// </summary>
internal sealed class CallChain
{
    private static readonly AsyncLocal<CallChain?> current = new();

    private CallChain(SessionContext session, int run, CallChain? caller)
    {
        Session = session;
        Run = run;
        Caller = caller;
    }

    /// <summary>The chain of the handler this flow runs in, if any.</summary>
    public static CallChain? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    public SessionContext Session { get; }

    /// <summary>The session's handler run this frame belongs to (see <see cref="SessionContext.IsRunning"/>).</summary>
    public int Run { get; }

    /// <summary>The chain of the handler that awaited this one, or null when nobody in a session waits for it.</summary>
    public CallChain? Caller { get; }

    public static CallChain For(SessionContext session, CallChain? caller) => new(session, session.CurrentRun, caller);

    /// <summary>
    /// The error for an awaited message to <paramref name="target"/> from this chain, or null when none of the
    /// handlers still waiting along the chain belongs to <paramref name="target"/>: the message could then run.
    /// </summary>
    public CallCycleException? CycleTo(SessionContext target, string operation)
    {
        for (CallChain? frame = this; frame is not null; frame = frame.Caller)
        {
            if (ReferenceEquals(frame.Session, target) && target.IsRunning(frame.Run))
            {
                var sessions = new List<SessionId> { target.Id };
                for (CallChain? link = this; link is not null; link = link.Caller)
                {
                    sessions.Add(link.Session.Id);
                    if (ReferenceEquals(link, frame))
                    {
                        break;
                    }
                }

                sessions.Reverse();
                return new CallCycleException(target.Id, operation, sessions);
            }

            if (!frame.Session.IsRunning(frame.Run))
            {
                // That handler has finished: nobody further out still waits along this chain.
                return null;
            }
        }

        return null;
    }
}
