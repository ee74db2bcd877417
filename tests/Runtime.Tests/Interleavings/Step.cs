namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>What a message of an interleaving round asks its handler to do.</summary>
public enum StepKind
{
    /// <summary>Returns at once.</summary>
    Work,

    /// <summary>Suspends once (Task.Yield), so the turn is held across an await.</summary>
    Yield,

    /// <summary>Throws synchronously.</summary>
    Fail,

    /// <summary>Suspends, then throws.</summary>
    FailLate,

    /// <summary>Ends the session.</summary>
    End,

    /// <summary>Waits on the fake clock (cancellably), possibly past a handler time limit.</summary>
    Stall,

    /// <summary>Schedules the named timeout <see cref="Step.TimeoutId"/>.</summary>
    Arm,

    /// <summary>Cancels timeout <see cref="Step.TimeoutId"/> from the session's turn.</summary>
    Disarm,
}

/// <summary>
/// One message of a round: its id in the round's ledger, who sent it (a worker) and in which order, and what its
/// handler does. A reference type, so a dead letter's message leads back to it.
/// </summary>
public sealed record Step(long Id, int Sender, long Sequence, StepKind Kind, long TimeoutId = -1, TimeSpan Delay = default);
