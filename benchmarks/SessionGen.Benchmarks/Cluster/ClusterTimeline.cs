using System.Diagnostics;
using System.Globalization;
using SessionGen.Infrastructure;
using SessionGen.Orleans;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// Not a benchmark: the timeline of one sequential call, plain and SessionGen alternating, from <c>CallTimeline</c>'s
/// marks (a build with <c>-p:CallTimeline=true</c>): the median time between consecutive points of the call's path, and
/// whether the call changed threads between them (a queue hop, a wake-up).
/// </summary>
/// <remarks><c>dotnet run -c Release --no-build --project benchmarks/SessionGen.Benchmarks -- --cluster-timeline [rounds] [SameSilo | OtherSilo]</c>.</remarks>
public static class ClusterTimeline
{
    private static readonly string[] Names =
    [
        "caller: before send", "caller: send returned", "grain method entry", "grain: before turn", "handler entry",
        "handler exit", "grain method return", "PendingReply.Resume", "PendingReply.OnCompleted", "-", "-", "caller continuation",
        "grain: task running (SendNow)", "runtime: request rented, before TryPostMessage", "BeginTurn: before RunTurn", "turn: after Finish",
        "BeginTurn: after RunTurn", "grain: after RunOnThisThread", "grain: before ReplyFor", "ClusterSessionHost.SendCoreAsync entry",
        "ClusterSessionHost: before grain call", "ClusterSessionHost: grain call returned", "TypedReply.OnCompleted",
    ];

    /// <summary>Runs it; <paramref name="args"/>: the rounds of 1,000 calls per side (5), the row (SameSilo).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        string row = args.Length > 1 ? args[1] : "SameSilo";
        var benchmarks = new OrleansBenchmarks();
        benchmarks.Setup();
        try
        {
            Func<Task> plain = row == "SameSilo" ? benchmarks.PlainSameSilo : benchmarks.PlainOtherSilo;
            Func<Task> sessionGen = row == "SameSilo" ? benchmarks.SessionGenSameSilo : benchmarks.SessionGenOtherSilo;
            for (int i = 0; i < 5; i++)
            {
                await plain().ConfigureAwait(false);
                await sessionGen().ConfigureAwait(false);
            }

            Console.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()}; {row}; {rounds} rounds of 1,000 calls each side, alternating");
            var plainCalls = new List<(long[] S, int[] T)>();
            var sessionCalls = new List<(long[] S, int[] T)>();
            for (int round = 0; round < rounds; round++)
            {
                plainCalls.AddRange(await CaptureAsync(plain).ConfigureAwait(false));
                sessionCalls.AddRange(await CaptureAsync(sessionGen).ConfigureAwait(false));
            }

            Report("plain", plainCalls);
            Report("SessionGen", sessionCalls);
        }
        finally
        {
            benchmarks.Cleanup();
        }

        return 0;
    }

    private static async Task<List<(long[] S, int[] T)>> CaptureAsync(Func<Task> run)
    {
        Array.Clear(CallTimeline.Stamps);
        Array.Clear(CallTimeline.Threads);
        CallTimeline.Call = 0;
        CallTimeline.On = true;
        await run().ConfigureAwait(false);
        CallTimeline.On = false;
        if (CallTimeline.Call == 0)
        {
            throw new InvalidOperationException("No marks: build with -p:CallTimeline=true (dotnet build -c Release -p:CallTimeline=true benchmarks/SessionGen.Benchmarks).");
        }

        var calls = new List<(long[] S, int[] T)>();
        int n = Math.Min(CallTimeline.Call, CallTimeline.Capacity - 1);
        for (int c = 2; c <= n; c++) // call 1 is the first of the loop: its caller had just arrived
        {
            calls.Add((CallTimeline.Stamps[(c * CallTimeline.Points)..((c + 1) * CallTimeline.Points)],
                CallTimeline.Threads[(c * CallTimeline.Points)..((c + 1) * CallTimeline.Points)]));
        }

        return calls;
    }

    private static void Report(string side, List<(long[] S, int[] T)> calls)
    {
        int[] order = [0, 19, 20, 21, 1, 22, 8, 2, 3, 12, 13, 14, 4, 5, 15, 16, 17, 18, 6, 7, 11];
        int[] present = [.. order.Where(p => calls.Count(c => c.S[p] != 0) > calls.Count / 2)];
        double total = Median(calls.Select(c => Us(c.S[11] - c.S[0])));
        Console.WriteLine($"\n{side}: {calls.Count} calls, median call {total:F2} µs (caller before send → continuation); medians from the previous point:");
        Console.WriteLine("| point | µs since previous (median) | p25 | p75 | µs since send (median) | thread differs from previous (% of calls) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int k = 1; k < present.Length; k++)
        {
            int p = present[k];
            int q = present[k - 1];
            var valid = calls.Where(c => c.S[p] != 0 && c.S[q] != 0).ToList();
            double[] d = [.. valid.Select(c => Us(c.S[p] - c.S[q])).Order()];
            double since = Median(valid.Select(c => Us(c.S[p] - c.S[0])));
            double hop = 100.0 * valid.Count(c => c.T[p] != c.T[q]) / Math.Max(1, valid.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Names[p]} | {d[d.Length / 2]:F2} | {d[d.Length / 4]:F2} | {d[d.Length * 3 / 4]:F2} | {since:F2} | {hop:F0} |"));
        }

        // Which threads: the caller's before and after, the grain's.
        double sameCallerThread = 100.0 * calls.Count(c => c.T[11] == c.T[0]) / calls.Count;
        double grainOnCallerThread = 100.0 * calls.Count(c => c.T[2] == c.T[0]) / calls.Count;
        double nextOnSameThread = 0;
        for (int i = 1; i < calls.Count; i++)
        {
            nextOnSameThread += calls[i].T[0] == calls[i - 1].T[11] ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"continuation on the send's thread {sameCallerThread:F0}%; grain on the caller's thread {grainOnCallerThread:F0}%; distinct threads {calls.SelectMany(c => c.T).Where(t => t != 0).Distinct().Count()}"));
    }

    private static double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }
}
