using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The ambient state a handler runs under, entered around every handler call (awaited, one-way, timeout): a call
/// chain frame of its own, so the messages it awaits know who waits for them; and, on leaving, the thread's
/// execution context as it was, so a handler run inline on its sender's thread never changes the sender's
/// <see cref="AsyncLocal{T}"/> values (an async method would not either); and the window in which the timeouts
/// the handler schedules on this thread wait for the wheel (<see cref="TimerStaging"/>), handed over on leaving.
/// </summary>
internal readonly ref struct HandlerScope
{
    private readonly ExecutionContext? previous;
    private readonly CallChain? previousChain;
    private readonly CallChain.SynchronousFrame previousFrame;
    private readonly TimerStaging.Window previousWindow;

    private HandlerScope(ExecutionContext? previous, CallChain? previousChain, CallChain.SynchronousFrame previousFrame, TimerStaging.Window previousWindow)
    {
        this.previous = previous;
        this.previousChain = previousChain;
        this.previousFrame = previousFrame;
        this.previousWindow = previousWindow;
    }

    /// <summary>
    /// Enters a handler of <paramref name="session"/> awaited along <paramref name="callerChain"/> (null when nobody in a
    /// session waits). <paramref name="handlerIsSynchronous"/>: it returns <c>void</c> or a value, so it cannot await.
    /// </summary>
    public static HandlerScope Enter(SessionContext session, CallChain? callerChain, bool handlerIsSynchronous)
    {
        // Capture is null only when the caller suppressed the flow; the frame is then put back by hand.
        ExecutionContext? previous = ExecutionContext.Capture();
        CallChain? previousChain = previous is null ? CallChain.AsyncLocalValue : null;
        return new HandlerScope(previous, previousChain, CallChain.Enter(session, callerChain, handlerIsSynchronous), TimerStaging.Open(session));
    }

    public void Dispose()
    {
        CallChain.Leave(previousFrame);
        if (previous is not null)
        {
            ExecutionContext.Restore(previous);
        }
        else
        {
            CallChain.RestoreAsyncLocal(previousChain);
        }

        // Last: the handler's part on this thread is over, so what it scheduled goes to the wheel now.
        TimerStaging.Close(previousWindow);
    }
}
