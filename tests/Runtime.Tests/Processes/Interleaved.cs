using SessionGen.Runtime.Tests.Interleavings;

namespace SessionGen.Runtime.Tests.Processes;

// The interleaving tests' processes: one body (InterleavedTurn), six reliability settings. Each records every
// handler start, finish and timeout in the round's ledger, and checks one-at-a-time and per-sender order itself.

/// <summary>Unbounded, and a fault leaves the session running.</summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class InterleavedKept
{
    private readonly InterleavedTurn turn = new();

    [On("Open", StartsSession = true)]
    private void Open(RoundLedger ledger, Step step) => turn.Open(ledger, step);

    [On("Work")]
    private ValueTask<int> Work(RoundLedger ledger, Step step, CancellationToken cancellationToken) =>
        turn.Work(ledger, step, EndSession, ScheduleRing, cancellationToken);

    [OnTimeout("Ring")]
    private void Ring(RoundLedger ledger, long timeoutId) => turn.Ring(ledger, timeoutId);
}

/// <summary>Unbounded, and a fault ends the session (the default policy).</summary>
[SessionProcess]
public partial class InterleavedEnding
{
    private readonly InterleavedTurn turn = new();

    [On("Open", StartsSession = true)]
    private void Open(RoundLedger ledger, Step step) => turn.Open(ledger, step);

    [On("Work")]
    private ValueTask<int> Work(RoundLedger ledger, Step step, CancellationToken cancellationToken) =>
        turn.Work(ledger, step, EndSession, ScheduleRing, cancellationToken);

    [OnTimeout("Ring")]
    private void Ring(RoundLedger ledger, long timeoutId) => turn.Ring(ledger, timeoutId);
}

/// <summary>A mailbox of three whose awaited senders wait for room; a fault ends the session.</summary>
[SessionProcess(MailboxCapacity = 3, MailboxFullMode = MailboxFullMode.Wait)]
public partial class InterleavedWaiting
{
    private readonly InterleavedTurn turn = new();

    [On("Open", StartsSession = true)]
    private void Open(RoundLedger ledger, Step step) => turn.Open(ledger, step);

    [On("Work")]
    private ValueTask<int> Work(RoundLedger ledger, Step step, CancellationToken cancellationToken) =>
        turn.Work(ledger, step, EndSession, ScheduleRing, cancellationToken);

    [OnTimeout("Ring")]
    private void Ring(RoundLedger ledger, long timeoutId) => turn.Ring(ledger, timeoutId);
}

/// <summary>A mailbox of two that refuses the third message; a fault leaves the session running.</summary>
[SessionProcess(MailboxCapacity = 2, FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class InterleavedFailFast
{
    private readonly InterleavedTurn turn = new();

    [On("Open", StartsSession = true)]
    private void Open(RoundLedger ledger, Step step) => turn.Open(ledger, step);

    [On("Work")]
    private ValueTask<int> Work(RoundLedger ledger, Step step, CancellationToken cancellationToken) =>
        turn.Work(ledger, step, EndSession, ScheduleRing, cancellationToken);

    [OnTimeout("Ring")]
    private void Ring(RoundLedger ledger, long timeoutId) => turn.Ring(ledger, timeoutId);
}

/// <summary>Handlers may run one (fake) second; an overrun ends the session.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 1)]
public partial class InterleavedLimited
{
    private readonly InterleavedTurn turn = new();

    [On("Open", StartsSession = true)]
    private void Open(RoundLedger ledger, Step step) => turn.Open(ledger, step);

    [On("Work")]
    private ValueTask<int> Work(RoundLedger ledger, Step step, CancellationToken cancellationToken) =>
        turn.Work(ledger, step, EndSession, ScheduleRing, cancellationToken);

    [OnTimeout("Ring")]
    private void Ring(RoundLedger ledger, long timeoutId) => turn.Ring(ledger, timeoutId);
}

/// <summary>
/// Everything timed at once: a one-second handler limit the session survives, a mailbox of three whose senders
/// wait, and messages that expire after two seconds in the queue (so one-way posts travel as requests).
/// </summary>
[SessionProcess(HandlerTimeLimitSeconds = 1, FaultPolicy = SessionFaultPolicy.KeepSession, MailboxCapacity = 3,
    MailboxFullMode = MailboxFullMode.Wait, MessageTimeToLiveSeconds = 2)]
public partial class InterleavedTimed
{
    private readonly InterleavedTurn turn = new();

    [On("Open", StartsSession = true)]
    private void Open(RoundLedger ledger, Step step) => turn.Open(ledger, step);

    [On("Work")]
    private ValueTask<int> Work(RoundLedger ledger, Step step, CancellationToken cancellationToken) =>
        turn.Work(ledger, step, EndSession, ScheduleRing, cancellationToken);

    [OnTimeout("Ring")]
    private void Ring(RoundLedger ledger, long timeoutId) => turn.Ring(ledger, timeoutId);
}
