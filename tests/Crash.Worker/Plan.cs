namespace SessionGen.Crash.Worker;

/// <summary>What a step does: posted (one way) or sent and awaited, and whether it arms a timeout.</summary>
public readonly record struct StepPlan(bool Post, int RingInMs);

/// <summary>
/// The seeded workload, the same in every worker and in the test: which sessions there are, what each step of each
/// does, and the message id it goes with (from the session and the step, so a restarted worker retries a step with the
/// id it had before the kill).
/// </summary>
public static class Plan
{
    public const int Ledgers = 6;
    public const int Managers = 2;

    /// <summary>Joins per SessionManager session: its stored event log (100) holds every event of them (two each).</summary>
    public const int Participants = 24;

    /// <summary>Steps per Ledger: more than any run reaches, so a run goes on until it is killed.</summary>
    public const int LedgerSteps = 1_000_000;

    public static IReadOnlyList<string> Sessions { get; } =
        [.. Enumerable.Range(0, Ledgers).Select(i => $"ledger-{i}"), .. Enumerable.Range(0, Managers).Select(i => $"manager-{i}")];

    public static bool IsLedger(string session) => session.StartsWith("ledger-", StringComparison.Ordinal);

    public static int LastStep(string session) => IsLedger(session) ? LedgerSteps : Participants;

    public static string Participant(int step) => $"p{step}";

    public static MessageId IdOf(string session, int step) => new($"{session}/{step}");

    /// <summary>
    /// Step <paramref name="step"/> of <paramref name="session"/>: 40% of a Ledger's steps are posts, the rest awaited
    /// sends; 30% of them arm a timeout due in 50 to 1,500 ms. A SessionManager's joins are all sent (a post is the first
    /// message that reaches a session after a restart only if it is a Ledger's, which the worker has loaded with a read
    /// first: see <c>StoredSessionOrderTests</c> for why).
    /// </summary>
    public static StepPlan Of(int seed, string session, int step)
    {
        ulong bits = Mix(Mix(Mix((ulong)(uint)seed) ^ Fnv(session)) ^ (ulong)step);
        bool post = IsLedger(session) && bits % 100 < 40;
        int ring = IsLedger(session) && (bits >> 8) % 100 < 30 ? 50 + (int)((bits >> 16) % 1451) : 0;
        return new StepPlan(post, ring);
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    private static ulong Fnv(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }
}
