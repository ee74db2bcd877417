namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// What a family of rounds exercises: the processes its sessions run, and how often each worker operation and each
/// handler behaviour comes up. Weights are relative; 0 leaves a thing out.
/// </summary>
internal sealed record Mix(string Name, InterleavedProcess[] Processes)
{
    public int Send { get; init; } = 40;
    public int Post { get; init; } = 25;
    public int Start { get; init; } = 4;
    public int CancelEarlier { get; init; } = 5;
    public int CancelTimeout { get; init; }
    public int Advance { get; init; } = 4;
    public int Yield { get; init; } = 5;

    /// <summary>How likely a round is to dispose its host from a worker, while the others still send.</summary>
    public double DisposeMidFlight { get; init; }

    /// <summary>
    /// How likely a disposing round is to have a shutdown deadline (30 fake seconds, which the clock thread soon passes:
    /// sessions then end with handlers still running); the others drain without one.
    /// </summary>
    public double ShutdownDeadlines { get; init; }

    /// <summary>Handler behaviours, by <see cref="StepKind"/>; Arm and Disarm only when the mix has timeouts.</summary>
    public int[] Kinds { get; init; } = Weights(work: 40, yield: 20, fail: 4, failLate: 4, end: 2, stall: 8, arm: 0, disarm: 0);

    /// <summary>How likely an awaited send's caller is to cancel (before, right after, later, or on the fake clock).</summary>
    public double Cancellations { get; init; } = 0.2;

    public static int[] Weights(int work, int yield, int fail, int failLate, int end, int stall, int arm, int disarm) =>
        [work, yield, fail, failLate, end, stall, arm, disarm];

    public override string ToString() => Name;
}
