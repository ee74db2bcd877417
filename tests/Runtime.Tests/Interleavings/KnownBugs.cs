namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// Runtime bugs these rounds found, each tolerated only while it is open, and narrowly: it excuses the one symptom of
/// its bug in the one situation that causes it, nothing else. Every flag is false: those bugs are fixed and the rounds
/// check them strictly (delete a flag once its fix has held for a while).
/// </summary>
internal static class KnownBugs
{
    /// <summary>
    /// Bug 1: a start whose caller is answered with an error can leave its session running, and nobody ever learns its
    /// id: a starter that waited in the queue past its time to live (it never ran), or a starter past its handler time
    /// limit under KeepSession. A withdrawn starter, by contrast, abandons its session.
    /// </summary>
    public static readonly bool FailedStartLeavesItsSession = false;

    /// <summary>
    /// Bug 2: past the shutdown deadline the host disposes its timer wheel while handlers still run; a handler that then
    /// schedules a timeout gets ObjectDisposedException from Schedule{Name}, which faults its session.
    /// </summary>
    public static readonly bool SchedulingThrowsPastTheShutdownDeadline = false;

    /// <summary>
    /// Bug 3: TimeoutHandle.Cancel checks that its session has not ended, then takes the wheel's gate; if the host
    /// disposes its wheel in between (or a time-limited handler finishes after the disposal), Cancel unlinks an entry the
    /// disposal already forgot, returns true and counts PendingTimeoutCount down to -1. That path is closed (Cancel and
    /// Release check the disposal under the gate). A later -1, once seen after a disposal mid-flight, could not be
    /// reproduced: the disposal sets the count to 0 under the wheel's gate, and every path that changes it afterwards
    /// (Insert, the handover of staged timeouts, Cancel, a tick's TakeDue, Release) checks the disposal under that same
    /// gate first, so nothing can move it once the host has stopped. Strict since (no tolerance code is left): about
    /// 52,000 strict disposal rounds (seeds 1000, 777000, 5000, 900000) showed no -1.
    /// </summary>
    public static readonly bool PendingCountGoesNegativeAfterDisposal = false;

    /// <summary>
    /// Bug 8: when another thread ends a session (the shutdown deadline) just as its turn finishes a one-way message, the
    /// turn returns without running or putting back the rest of the run of one-way messages it had taken: accepted posts
    /// are then neither handled nor dead-lettered.
    /// </summary>
    public static readonly bool TurnDropsItsBatchWhenEndedUnderIt = false;

    /// <summary>
    /// Bug 9: a withdrawn request answers its caller, then reads its operation to see whether it was a starter; by then
    /// the caller may have read the answer and returned the request to its pool (operation null): the cancellation throws
    /// NullReferenceException into whoever cancelled the token (the caller's Cancel(), or a CancelAfter timer), and a
    /// withdrawn starter's session is not abandoned.
    /// </summary>
    public static readonly bool WithdrawReadsItsRecycledRequest = false;

    /// <summary>
    /// Bug 4, narrowed: a session now answers (and dead-letters) what it held before it leaves the registry, and the drain
    /// waits for sessions already ending, so everything queued reaches the dead-letter subscribers. What still can arrive
    /// after DisposeAsync completed: letters filed by a turn or handler that outlived the shutdown deadline (a one-way
    /// handler giving up on the stopping token, a batch a turn had taken when another thread ended its session). The
    /// host counted them; its subscriptions had completed. Fixed: an end from another thread (the deadline, a time
    /// limit) counts the turn that still holds the session until it leaves, and the subscriptions complete only then
    /// (DisposeAsync itself still ends at the deadline); the rounds read the subscription to its end and find every letter.
    /// </summary>
    public static readonly bool DeadLettersArriveAfterDisposal = false;

    /// <summary>
    /// Bug 7: SessionHostOptions.ShutdownTimeout = Timeout.InfiniteTimeSpan is documented to wait for ever, but DisposeAsync
    /// then skips the wait and ends every session that has not drained yet, at once. Rounds without a deadline use 40 days.
    /// </summary>
    public static readonly bool InfiniteShutdownTimeoutEndsAtOnce = false;

    /// <summary>
    /// Bug 6: the timer wheel calls its TimeProvider's ITimer.Change while holding its spin gate; FakeTimeProvider runs
    /// timers already due inside Change, the wheel's own tick among them, which then spins on the gate its thread holds,
    /// for ever. A clock advanced by another thread makes that happen: the rounds run on <see cref="RoundClock"/>, whose
    /// Change never runs a callback (as with the system's timers).
    /// </summary>
    public static readonly bool WheelDeadlocksWhenChangeRunsDueTimers = false;

    /// <summary>
    /// Bug 5 (and bug 3 with it): when a host is disposed, a turn can still start a message on a session that has just
    /// ended; under a handler time limit, arming the limit in the disposed timer wheel throws ObjectDisposedException
    /// out of the turn, on a thread-pool thread, and the process dies (bug 3: a time limit cancelled in the disposed
    /// wheel counts PendingTimeoutCount down to -1). Rounds that dispose their host therefore leave time-limited
    /// processes out: a crash cannot be tolerated, only avoided.
    /// </summary>
    public static readonly bool TimeLimitedTurnCrashesAfterDisposal = false;
}
