namespace SessionGen.Runtime.Tests.Interleavings;

/// <summary>
/// How many rounds an interleaving test runs and from which seed. By default each test picks a fresh seed (printed)
/// and runs up to <see cref="DefaultRounds"/> rounds within <see cref="Budget"/> of wall-clock time, so CI stays quick
/// and still explores new interleavings on every run. SESSIONGEN_SEED replays a seed; SESSIONGEN_INTERLEAVING_ROUNDS
/// runs exactly that many rounds with no time budget (see README, Reliability).
/// </summary>
internal static class InterleavingSettings
{
    public const string SeedVariable = "SESSIONGEN_SEED";
    public const string RoundsVariable = "SESSIONGEN_INTERLEAVING_ROUNDS";
    public const string RepeatVariable = "SESSIONGEN_INTERLEAVING_REPEAT";

    public const int DefaultRounds = 1000;

    /// <summary>Even on a slow machine a test runs this many rounds, whatever the budget says.</summary>
    public const int MinimumRounds = 50;

    /// <summary>Per test; four mixes keep the whole set within about half a minute.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    /// <summary>Round r of a run from seed s uses seed s + r, so a failing round replays alone as round 0.</summary>
    public static long BaseSeed() =>
        long.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out long seed) ? seed : Random.Shared.NextInt64(1, 1_000_000_000);

    /// <summary>
    /// True when every round replays the base seed: thread scheduling does not replay, so a rare failure is best
    /// reproduced by running its workload many times (SESSIONGEN_INTERLEAVING_REPEAT=1).
    /// </summary>
    public static bool RepeatSeed() => Environment.GetEnvironmentVariable(RepeatVariable) == "1";

    /// <summary>The rounds asked for explicitly, or null for the default count under the time budget.</summary>
    public static int? ExplicitRounds() =>
        int.TryParse(Environment.GetEnvironmentVariable(RoundsVariable), out int rounds) && rounds > 0 ? rounds : null;
}
