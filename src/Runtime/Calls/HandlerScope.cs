namespace SessionGen;

/// <summary>
/// The ambient state a handler runs under, entered around every handler call (awaited, one-way, timeout): a call
/// chain frame of its own, so the messages it awaits know who waits for them; and, on leaving, the thread's
/// execution context as it was, so a handler run inline on its sender's thread never changes the sender's
/// <see cref="AsyncLocal{T}"/> values (an async method would not either).
/// </summary>
internal readonly ref struct HandlerScope
{
    private readonly ExecutionContext? previous;
    private readonly CallChain? previousChain;

    private HandlerScope(ExecutionContext? previous, CallChain? previousChain)
    {
        this.previous = previous;
        this.previousChain = previousChain;
    }

    /// <summary>Enters a handler of <paramref name="session"/> awaited along <paramref name="callerChain"/> (null when nobody in a session waits).</summary>
    public static HandlerScope Enter(SessionContext session, CallChain? callerChain)
    {
        // Capture is null only when the caller suppressed the flow; the frame is then put back by hand.
        ExecutionContext? previous = ExecutionContext.Capture();
        CallChain? previousChain = previous is null ? CallChain.Current : null;
        CallChain.Current = CallChain.For(session, callerChain);
        return new HandlerScope(previous, previousChain);
    }

    public void Dispose()
    {
        if (previous is not null)
        {
            ExecutionContext.Restore(previous);
        }
        else
        {
            CallChain.Current = previousChain;
        }
    }
}
