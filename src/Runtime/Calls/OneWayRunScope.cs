using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The <see cref="HandlerScope"/> of a run of one-way messages with synchronous handlers, taken by one turn: entered
/// once for the run instead of once per message (issue 16: entering and leaving the scope per message, with its
/// thread-static lookups, was the largest share of a one-way message's cost). Each handler still starts as under a
/// scope of its own: with the turn's execution context (put back only if the previous handler changed it), a call-chain
/// frame of its own run, and an empty timer window (what the previous handler staged is handed to the wheel first).
/// </summary>
/// <remarks>
/// Only for handlers that cannot await, and only while no one listens to message telemetry (read once, on entering):
/// such a handler's part on this thread is the whole handler, so the frame and the window can stay in the thread's
/// slots between handlers. The slots are found once, on entering; a handler that starts a nested turn on this thread
/// (an awaited send run inline) goes through its own scope, which puts the slots back as it found them. The turn
/// leaves the scope before anything that is not the next handler of the run: another kind of entry, an await, the end
/// of the session, going idle.
/// </remarks>
internal ref struct OneWayRunScope
{
    private readonly SessionContext session;
    private readonly ExecutionContext turnContext;
    private readonly CallChain.SynchronousFrame previousFrame;
    private readonly TimerStaging.Window previousWindow;
    private readonly ref CallChain.SynchronousFrame frame;
    private readonly ref TimerStaging.Window window;
    private bool entered;

    private OneWayRunScope(SessionContext session, ExecutionContext turnContext)
    {
        this.session = session;
        this.turnContext = turnContext;
        frame = ref CallChain.ThreadFrame;
        window = ref TimerStaging.ThreadWindow;
        previousFrame = frame;
        previousWindow = window;
        frame = new CallChain.SynchronousFrame(session, session.CurrentRun, caller: null);
        window = new TimerStaging.Window(session);
        entered = true;
    }

    /// <summary>Whether the scope is entered (a default scope is not).</summary>
    public readonly bool IsEntered => entered;

    /// <summary>
    /// Enters the scope for <paramref name="session"/>'s turn on this thread; false (and nothing entered) when a run
    /// cannot share one: someone listens to message telemetry (each message then reports its own span and duration),
    /// or the thread's execution-context flow is suppressed (it could not be put back by reference).
    /// </summary>
    public static bool TryEnter(SessionContext session, out OneWayRunScope scope)
    {
        ExecutionContext? current = ExecutionContext.Capture();
        if (current is null || !MessageTelemetry.IsOff)
        {
            scope = default;
            return false;
        }

        scope = new OneWayRunScope(session, current);
        return true;
    }

    /// <summary>Gives the next handler of the run its own call-chain frame: the session's run number now.</summary>
    public readonly void BeforeHandler()
    {
        ref CallChain.SynchronousFrame current = ref frame;
        current.Run = session.CurrentRun;
        if (current.Chain is not null)
        {
            // The chain the previous handler made on its first send names that handler's run.
            current.Chain = null;
        }
    }

    /// <summary>
    /// The handler has returned: hands what it staged to the wheel, and puts back the turn's execution context if it
    /// changed it (a synchronous handler that sets an <see cref="AsyncLocal{T}"/> changes its thread's), so the next
    /// handler starts as clean as this one did.
    /// </summary>
    public readonly void AfterHandler()
    {
        // Restore compares before it writes: a handler that changed nothing costs one read of the thread's context.
        ExecutionContext.Restore(turnContext);
        TimerStaging.HandOver(ref window);
    }

    /// <summary>Leaves the scope (idempotent): the thread's frame and window as they were before it was entered.</summary>
    public void Exit()
    {
        if (!entered)
        {
            return;
        }

        entered = false;
        frame = previousFrame;
        TimerStaging.HandOver(ref window);
        window = previousWindow;
    }
}
