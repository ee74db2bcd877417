using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The handlers an asynchronous flow runs inside, innermost first: the running handler's session, then the session
/// whose handler awaited it, and so on. Each handler runs under a frame of its own (see <see cref="HandlerScope"/>),
/// and an awaited message carries its sender's chain to the handler it reaches, so A → B → A is seen at B's send.
/// </summary>
/// <remarks>
/// A handler that may await gets its frame in an <see cref="AsyncLocal{T}"/>, which its awaits carry along. A
/// synchronous handler (one returning <c>void</c> or a value) cannot await, so its frame lives in a thread-static slot
/// for the length of the call, and a chain object is made only if it sends: the common handler costs no allocation.
/// </remarks>
internal sealed class CallChain
{
    private static readonly AsyncLocal<CallChain?> AsyncCurrent = new();

    [ThreadStatic]
    private static SynchronousFrame synchronous;

    private CallChain(SessionContext session, int run, CallChain? caller, bool isSynchronous = false)
    {
        Session = session;
        Run = run;
        Caller = caller;
        IsSynchronous = isSynchronous;
    }

    /// <summary>The chain of the handler this flow runs in, if any (the innermost frame entered on this thread wins).</summary>
    public static CallChain? Current => synchronous.Session is { } session
        ? synchronous.Chain ??= new CallChain(session, synchronous.Run, synchronous.Caller, isSynchronous: true)
        : AsyncCurrent.Value;

    public SessionContext Session { get; }

    /// <summary>The session's handler run this frame belongs to (see <see cref="SessionContext.IsRunning"/>).</summary>
    public int Run { get; }

    /// <summary>The chain of the handler that awaited this one, or null when nobody in a session waits for it.</summary>
    public CallChain? Caller { get; }

    /// <summary>True for the frame of a handler that cannot await: what it sends, it does not wait for.</summary>
    public bool IsSynchronous { get; }

    /// <summary>Enters the frame of a handler of <paramref name="session"/>; returns the thread's frame before, for <see cref="Leave"/>.</summary>
    internal static SynchronousFrame Enter(SessionContext session, CallChain? caller, bool handlerIsSynchronous)
    {
        SynchronousFrame previous = synchronous;
        if (handlerIsSynchronous)
        {
            synchronous = new SynchronousFrame(session, session.CurrentRun, caller);
        }
        else
        {
            synchronous = default;
            AsyncCurrent.Value = new CallChain(session, session.CurrentRun, caller);
        }

        return previous;
    }

    /// <summary>
    /// This thread's synchronous frame slot itself: <see cref="OneWayRunScope"/> looks it up once for a run of handlers
    /// and renews it in place for each (a thread-static lookup per handler was a measurable share of a one-way message).
    /// </summary>
    internal static ref SynchronousFrame ThreadFrame => ref synchronous;

    /// <summary>Puts back the thread's frame from before <see cref="Enter"/> (the async-local one comes back with the execution context).</summary>
    internal static void Leave(SynchronousFrame previous) => synchronous = previous;

    /// <summary>Sets the async-local frame by hand, when the flow of the execution context was suppressed and it cannot be restored.</summary>
    internal static void RestoreAsyncLocal(CallChain? chain) => AsyncCurrent.Value = chain;

    internal static CallChain? AsyncLocalValue => AsyncCurrent.Value;

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

    /// <summary>The frame of a synchronous handler, in a thread-static slot while it runs.</summary>
    internal struct SynchronousFrame
    {
        public readonly SessionContext? Session;
        public readonly CallChain? Caller;

        // Not readonly: a run of one-way handlers keeps one frame and moves it on to each handler's run.
        public int Run;

        // Made on the handler's first send, then reused by its later ones.
        public CallChain? Chain;

        public SynchronousFrame(SessionContext session, int run, CallChain? caller)
        {
            Session = session;
            Run = run;
            Caller = caller;
            Chain = null;
        }
    }
}
