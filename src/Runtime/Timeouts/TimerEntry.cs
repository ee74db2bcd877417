namespace SessionGen;

/// <summary>
/// A pending timeout. It sits in a slot of the host's <see cref="TimerWheel"/> and, once due, moves to its
/// session's mailbox (the same links serve both), so it runs on the session's turn like a message.
/// </summary>
internal sealed class TimerEntry : MailboxItem
{
    internal const int Pending = 0;
    internal const int Queued = 1;
    internal const int Done = 2;
    internal const int Cancelled = 3;

    internal readonly TimerWheel Wheel;
    /// <summary>The session it runs on, or null for the runtime's own timers that run on the clock's thread.</summary>
    internal readonly SessionContext? Session;
    internal readonly long DueTick;
    private readonly Delegate callback;
    private readonly TimeoutSpec? spec;
    internal int State;

    internal TimerEntry(TimerWheel wheel, SessionContext? session, long dueTick, Delegate callback, TimeoutSpec? spec = null)
    {
        Wheel = wheel;
        Session = session;
        DueTick = dueTick;
        this.callback = callback;
        this.spec = spec;
    }

    internal override ulong AcceptedStates => spec?.AcceptedStates ?? SessionProtocol.AnyState;

    internal override ulong TargetStates => spec?.TargetStates ?? 0;

    internal override string Name => spec?.Name ?? "timeout";

    /// <summary>Runs a session-less timer on the clock's thread.</summary>
    internal void RunOnClock() => ((Action)callback)();

    internal override ValueTask RunAsync(SessionContext session)
    {
        if (Interlocked.CompareExchange(ref State, Done, Queued) != Queued)
        {
            return default; // cancelled while it waited in the mailbox
        }

        SessionMetrics.TimeoutFired(session, callback);

        try
        {
            if (callback is Action action)
            {
                action();
                return default;
            }

            ValueTask pending = ((Func<ValueTask>)callback)();
            return pending.IsCompletedSuccessfully ? default : AwaitCallbackAsync(session, pending);
        }
        catch (Exception exception)
        {
            return session.RunFaultHandlerAsync(session.Fault(Name, exception));
        }
    }

    private async ValueTask AwaitCallbackAsync(SessionContext session, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await session.RunFaultHandlerAsync(session.Fault(Name, exception)).ConfigureAwait(false);
        }
    }

    // Nobody awaits a timeout: its outcome shows in the session (a fault ends it).
    internal override void Complete()
    {
    }

    internal override void Reject(SessionContext session, Exception answer, DeadLetterReason? reason) => Volatile.Write(ref State, Cancelled);
}
