namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>The four families of rounds, one per interleaving test.</summary>
internal static class Mixes
{
    /// <summary>Awaited sends and one-way posts to unbounded sessions, with cancellations, faults (kept or ending) and EndSession.</summary>
    public static readonly Mix Messages = new("messages", [InterleavedProcess.Kept, InterleavedProcess.Ending])
    {
        Cancellations = 0.25,
    };

    /// <summary>Bounded mailboxes, senders waiting for room or refused, among handlers that hold the turn.</summary>
    public static readonly Mix BoundedMailboxes = new("bounded", [InterleavedProcess.Waiting, InterleavedProcess.FailFast, InterleavedProcess.Kept])
    {
        Send = 50,
        Post = 30,
        Kinds = Mix.Weights(work: 30, yield: 25, fail: 3, failLate: 3, end: 2, stall: 12, arm: 0, disarm: 0),
    };

    /// <summary>Handler time limits, expiry and timeouts armed and cancelled (from handlers and from other threads) against the clock.</summary>
    public static readonly Mix TimeLimitsAndTimeouts = new("timed", [InterleavedProcess.Limited, InterleavedProcess.Timed, InterleavedProcess.Kept])
    {
        CancelTimeout = 6,
        Advance = 6,
        Kinds = Mix.Weights(work: 25, yield: 15, fail: 3, failLate: 3, end: 2, stall: 15, arm: 12, disarm: 5),
    };

    /// <summary>Everything at once, and one worker disposes the host while the others still send.</summary>
    public static readonly Mix DisposalMidFlight = new(
        "disposal",
        [InterleavedProcess.Kept, InterleavedProcess.Ending, InterleavedProcess.Waiting, InterleavedProcess.FailFast, InterleavedProcess.Limited, InterleavedProcess.Timed])
    {
        CancelTimeout = 4,
        DisposeMidFlight = 1.0,
        ShutdownDeadlines = 0.5,
        Kinds = Mix.Weights(work: 30, yield: 15, fail: 3, failLate: 3, end: 2, stall: 12, arm: 8, disarm: 3),
    };
}
