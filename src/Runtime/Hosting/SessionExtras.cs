using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The parts of a session that many sessions never use: made on first use, so an idle session that only
/// ran its starter costs no more than its context (see docs/performance.md, idle session memory).
/// </summary>
internal sealed class SessionExtras
{
    /// <summary>The fault that ended (or will end) the session.</summary>
    public SessionFaultedException? Fault;

    /// <summary>The item whose handler the turn awaits (null for a one-way message), and its run.</summary>
    public MailboxItem? AwaitedItem;

    public ValueTask AwaitedRun;

    /// <summary>The continuation that resumes the turn, made once per session.</summary>
    public Action? ResumeTurn;

    /// <summary>When the last message was handled, for idle expiry.</summary>
    public long LastMessageTimestamp;

    public MessageIdCache? MessageIds;

    /// <summary>The session whose message this session's running handler awaits, if any (see <see cref="WaitForGraph"/>).</summary>
    public SessionContext? WaitingFor;

    /// <summary>The handler run that set <see cref="WaitingFor"/> (see <see cref="SessionContext.IsRunning"/>).</summary>
    public int WaitingRun;

    /// <summary>The session's correlation keys, replaced (never changed in place) while holding this object's lock.</summary>
    public CorrelationKey[] Keys = [];

    /// <summary>Protocol only: the hold-limit bookkeeping of held messages.</summary>
    public Func<MailboxEntry, bool>? RefuseHeld;

    public long OldestHeld;

    /// <summary>Protocol only: held items posted before this timestamp have waited past the hold limit.</summary>
    public long HeldSince;

    public bool HeldWakeUpScheduled;

    /// <summary>
    /// How many of the session's timeouts the host's timer wheel holds, changed under the wheel's gate;
    /// <see cref="TimerWheel.Released"/> once the session has ended and the wheel let go of them.
    /// </summary>
    public int PendingTimeouts;

    /// <summary>The highest <see cref="PendingTimeouts"/> so far, which bounds <see cref="FreeCount"/> (TimerWheel.Reuse.cs).</summary>
    public int PeakTimeouts;

    /// <summary>The session's cancelled timer entries kept for reuse, chained through their <c>Next</c>; under the wheel's gate.</summary>
    public TimerEntry? FreeTimers;

    /// <summary>How many entries <see cref="FreeTimers"/> holds.</summary>
    public int FreeCount;

    /// <summary>The participants' subscriptions, for a process with an <c>[OnParticipantLeft]</c> handler (made on the first one).</summary>
    public ParticipantPresence? Presence;
}
