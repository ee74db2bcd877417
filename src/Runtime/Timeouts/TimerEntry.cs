using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// A pending timeout. It sits in a slot of the host's <see cref="TimerWheel"/> and, once due, moves to its
/// session's mailbox (the same links serve both), so it runs on the session's turn like a message.
/// </summary>
/// <remarks>
/// Kept small because every pending timeout holds one: the mailbox links and <see cref="MailboxItem.TimerState"/>
/// (24 B), the session and the due tick (16 B), and what the subclass runs. The wheel is the session's host's
/// (<see cref="Wheel"/>), so it is not stored; only the runtime's session-less clock timers carry theirs. What the
/// wheel needs per session (how many of its timeouts it holds, to release them when it ends) is counted on the
/// session (<see cref="SessionExtras.PendingTimeouts"/>), and scheduling order on same-due ties is the slot's order,
/// so neither costs an entry a field.
/// </remarks>
internal abstract class TimerEntry : MailboxItem
{
    internal const int Pending = 0;
    internal const int Queued = 1;
    internal const int Done = 2;
    internal const int Cancelled = 3;

    /// <summary>
    /// <see cref="MailboxItem.TimerState"/> holds the state in its low two bits and, above them, the entry's version:
    /// bumped each time a cancelled entry is reused (TimerWheel.Reuse.cs), so a handle made for an earlier use, which
    /// compares the whole word, never matches it again.
    /// </summary>
    internal const int StateMask = 3;

    /// <summary>One version more, in <see cref="MailboxItem.TimerState"/>.</summary>
    internal const int VersionStep = 4;

    /// <summary>
    /// The last version before the word wraps back to 0: an entry that reaches it is never reused again, so a handle
    /// kept across every earlier reuse never matches a later use (TimerWheel.Reuse.cs).
    /// </summary>
    internal const int LastVersion = ~StateMask;

    /// <summary>The session it runs on, or null for the runtime's own timers that run on the clock's thread.</summary>
    internal readonly SessionContext? Session;

    /// <summary>
    /// The wheel tick it is due at, set by the wheel when it links the entry; while a handler's window keeps it
    /// (TimerWheel.Staging.cs), its delay in TimeSpan ticks, negated.
    /// </summary>
    internal long DueTick;

    protected TimerEntry(SessionContext? session)
    {
        Session = session;
    }

    /// <summary>Its state, without the version.</summary>
    internal int State => Volatile.Read(ref TimerState) & StateMask;

    /// <summary>Its version (the state word's bits above the state), which a handle made now carries.</summary>
    internal int Version => Volatile.Read(ref TimerState) & ~StateMask;

    /// <summary>
    /// Whether a cancelled entry may be reused for a later timeout of its session (TimerWheel.Reuse.cs): only kinds
    /// that nothing but their handles refers to once they left the wheel (not a durable one, which its session's
    /// records keep; not a clock timer).
    /// </summary>
    internal virtual bool IsReusable => false;

    /// <summary>
    /// Lets go of what the timeout would have run (its delegate, its arguments) once it became a spare entry
    /// (TimerWheel.Reuse.cs), so a spare entry keeps nothing of its former use alive until it is reused.
    /// </summary>
    internal virtual void ForgetCall()
    {
    }

    /// <summary>The wheel that holds it.</summary>
    internal TimerWheel Wheel => Session is { } session ? session.Host.Timers : ((ClockTimerEntry)this).ClockWheel;

    /// <summary>The name a durable session stores it under, or null when it cannot be stored (a closure, a runtime timer).</summary>
    internal virtual string? DurableName => null;

    /// <summary>Writes the stored timeout's arguments; only for entries with a <see cref="DurableName"/>.</summary>
    internal virtual void WriteArguments(SessionStateWriter arguments) => throw new InvalidOperationException("Only a durable process's named timeout can be stored.");

    /// <summary>Whether it is one of the runtime's own session timers (the idle watch), not a user's timeout.</summary>
    internal virtual bool IsRuntimeTimer => false;

    internal sealed override ValueTask RunAsync(SessionContext session)
    {
        if (!TryMove(Queued, Done))
        {
            return default; // cancelled while it waited in the mailbox
        }

        SessionMetrics.TimeoutFired(session, this);

        using HandlerScope scope = HandlerScope.Enter(session, callerChain: null, IsSynchronous);
        try
        {
            ValueTask pending = Invoke(session);
            return pending.IsCompletedSuccessfully ? default : AwaitCallbackAsync(session, pending);
        }
        catch (Exception exception)
        {
            return HandlerFailure.RunFaultHandler(session, HandlerFailure.Classify(session, Name, exception, callerToken: default));
        }
    }

    // Nobody awaits a timeout: its outcome shows in the session (a fault ends it). Its turn is over, which is all the
    // wheel's settling count (TimerWheel.Settling.cs) waits for.
    internal sealed override void Complete() => Wheel.Settle();

    internal sealed override void Reject(SessionContext session, Exception answer, DeadLetterReason? reason)
    {
        Volatile.Write(ref TimerState, (Volatile.Read(ref TimerState) & ~StateMask) | Cancelled);
        Wheel.Settle();
    }

    /// <summary>Moves it from state <paramref name="from"/> to <paramref name="to"/>, keeping its version; false when it was not in <paramref name="from"/>.</summary>
    internal bool TryMove(int from, int to)
    {
        int word = Volatile.Read(ref TimerState);
        return (word & StateMask) == from && Interlocked.CompareExchange(ref TimerState, (word & ~StateMask) | to, word) == word;
    }

    /// <summary>Sets its state, keeping its version; only where no other thread can change it meanwhile (under the wheel's gate, or before it is published).</summary>
    internal void SetState(int state) => TimerState = (TimerState & ~StateMask) | state;

    /// <summary>True when its code cannot await (an <see cref="Action"/>): its call-chain frame then needs no async-local value.</summary>
    protected virtual bool IsSynchronous => false;

    /// <summary>Calls the timeout's code on the session's turn; may throw.</summary>
    protected abstract ValueTask Invoke(SessionContext session);

    private async ValueTask AwaitCallbackAsync(SessionContext session, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await HandlerFailure.RunFaultHandler(session, HandlerFailure.Classify(session, Name, exception, callerToken: default)).ConfigureAwait(false);
        }
    }
}

/// <summary>A timeout that calls a delegate: an <see cref="Action"/> or a <see cref="Func{ValueTask}"/> (64 B).</summary>
internal class CallbackTimerEntry : TimerEntry
{
    // What a spare entry holds instead of its former callback (ForgetCall).
    private static readonly Action Forgotten = static () => { };

    private Delegate callback;

    internal CallbackTimerEntry(SessionContext session, Delegate callback)
        : base(session)
    {
        this.callback = callback;
    }

    // A plain delegate timeout (not a protocol's named one, which is sealed apart) is only ever referred to by its handles.
    internal override bool IsReusable => GetType() == typeof(CallbackTimerEntry);

    /// <summary>Gives a reused entry (TimerWheel.Reuse.cs) its new callback.</summary>
    internal void Reuse(Delegate newCallback)
    {
        // Mostly the same delegate as before: not rewriting it spares a write barrier.
        if (!ReferenceEquals(callback, newCallback))
        {
            callback = newCallback;
        }
    }

    internal override void ForgetCall() => callback = Forgotten;

    // The runtime's own session timers: the idle watch (its callback belongs to the session context) and the
    // departures of participants (OnParticipantLeft).
    internal override bool IsRuntimeTimer => callback.Target == Session || callback.Target is ParticipantPresence.Departure;

    protected override bool IsSynchronous => callback is Action;

    protected override ValueTask Invoke(SessionContext session)
    {
        if (callback is Action action)
        {
            action();
            return default;
        }

        return ((Func<ValueTask>)callback)();
    }
}

/// <summary>A delegate timeout that is a named timeout of a protocol (<see cref="TimeoutSpec"/>).</summary>
internal sealed class SpecifiedCallbackTimerEntry : CallbackTimerEntry
{
    private readonly TimeoutSpec spec;

    internal SpecifiedCallbackTimerEntry(SessionContext session, Delegate callback, TimeoutSpec spec)
        : base(session, callback)
    {
        this.spec = spec;
    }

    internal override ulong AcceptedStates => spec.AcceptedStates;

    internal override ulong TargetStates => spec.TargetStates;

    internal override string Name => spec.Name;
}

/// <summary>
/// A generated named timeout (<c>Schedule{Name}</c>): the handler's arguments inline in <typeparamref name="TCall"/>,
/// which also knows the handler and the timeout's <see cref="TimeoutSpec"/>; no delegate, no closure.
/// </summary>
internal sealed class TimerEntry<TProcess, TCall> : TimerEntry
    where TProcess : class
    where TCall : struct, ITimeoutCall<TProcess>
{
    private TCall call;

    internal TimerEntry(SessionContext session, TCall call)
        : base(session)
    {
        this.call = call;
    }

    /// <summary>
    /// Whether entries of this kind may be reused: not a durable one, which its session's records (SessionDurability)
    /// keep until it has run. Worked out once per kind: <c>call is IDurableTimeoutCall&lt;TProcess&gt;</c> boxes the call
    /// in code shared across process types.
    /// </summary>
    internal static readonly bool KindIsReusable = !typeof(IDurableTimeoutCall<TProcess>).IsAssignableFrom(typeof(TCall));

    internal override bool IsReusable => KindIsReusable;

    /// <summary>Gives a reused entry (TimerWheel.Reuse.cs) its new arguments.</summary>
    internal void Reuse(TCall newCall) => call = newCall;

    internal override void ForgetCall() => call = default;

    internal override ulong AcceptedStates => call.Spec?.AcceptedStates ?? SessionProtocol.AnyState;

    internal override ulong TargetStates => call.Spec?.TargetStates ?? 0;

    internal override string Name => call.Spec?.Name ?? "timeout";

    /// <summary>The timeout's name when it is a durable process's, which can be stored; otherwise null.</summary>
    internal override string? DurableName => call is IDurableTimeoutCall<TProcess> durable ? durable.Name : null;

    internal override void WriteArguments(SessionStateWriter arguments) => ((IDurableTimeoutCall<TProcess>)call).WriteArguments(arguments);

    protected override ValueTask Invoke(SessionContext session) => call.Run((TProcess)session.Process);
}

/// <summary>One of the runtime's session-less timers: it runs on the clock's thread, never in a mailbox.</summary>
internal sealed class ClockTimerEntry : TimerEntry
{
    private readonly Action callback;

    internal ClockTimerEntry(TimerWheel wheel, Action callback)
        : base(session: null)
    {
        ClockWheel = wheel;
        this.callback = callback;
    }

    internal TimerWheel ClockWheel { get; }

    /// <summary>
    /// Runs it on the clock's thread, unless it was cancelled after the wheel took it: a <see cref="TimeoutHandle.Cancel"/>
    /// that said true must never be followed by the callback (the handler time limit relies on it).
    /// </summary>
    internal void RunOnClock()
    {
        if (TryMove(Queued, Done))
        {
            callback();
        }
    }

    protected override ValueTask Invoke(SessionContext session) =>
        throw new InvalidOperationException("A clock timer never runs on a session's turn.");
}
