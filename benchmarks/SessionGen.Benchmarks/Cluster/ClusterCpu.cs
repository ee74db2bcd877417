using System.Diagnostics;
using System.Globalization;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// Not a BenchmarkDotNet run: the process CPU time per call (all threads: client, three silos, the benchmark's own), the
/// bytes allocated per call (all threads) and the thread-pool work items per call (each a thread hop), of each
/// <see cref="OrleansBenchmarks"/> row, plain and SessionGen alternating round by round in one process. On a machine
/// where wall time is mostly waiting for a core, CPU time and work items still say what a call costs.
/// </summary>
/// <remarks><c>dotnet run -c Release --project benchmarks/SessionGen.Benchmarks -- --cluster-cpu [rounds] [gap | row]</c> (15 rounds by default; a row's name runs that row only; <c>--cluster-cpu 150 SameSilo windows</c> prints each round's monotonic window for a profile of both sides).</remarks>
public static class ClusterCpu
{
    private static readonly (string Row, int Calls, string Plain, string SessionGen)[] TargetRows =
    [
        ("Client", 1_000, nameof(OrleansBenchmarks.PlainFromClient), nameof(OrleansBenchmarks.SessionGenFromClient)),
        ("Client, durable", 1_000, nameof(OrleansBenchmarks.PlainFromClient), nameof(OrleansBenchmarks.SessionGenDurableFromClient)),
        ("SameSilo", 1_000, nameof(OrleansBenchmarks.PlainSameSilo), nameof(OrleansBenchmarks.SessionGenSameSilo)),
        ("OtherSilo", 1_000, nameof(OrleansBenchmarks.PlainOtherSilo), nameof(OrleansBenchmarks.SessionGenOtherSilo)),
        ("Throughput", 10_000, nameof(OrleansBenchmarks.PlainThroughput), nameof(OrleansBenchmarks.SessionGenThroughput)),
    ];

    // OrleansGapBenchmarks: each step of the same-silo path against the plain call (its "plain" column).
    private static readonly (string Row, int Calls, string Plain, string SessionGen)[] GapRows =
    [
        ("WireShape", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.WireShape)),
        ("WireShapeFour", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.WireShapeFour)),
        ("WireShapeOne", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.WireShapeOne)),
        ("WireShapeJson", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.WireShapeJson)),
        ("WireShapeJsonHost", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.WireShapeJsonHost)),
        ("WireShapeJsonHostInline", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.WireShapeJsonHostInline)),
        ("SessionGen", 1_000, nameof(OrleansGapBenchmarks.Plain), nameof(OrleansGapBenchmarks.SessionGen)),
    ];

    private const int WarmUpRounds = 3;

    /// <summary>
    /// Runs the measurement; <paramref name="args"/> are the arguments after <c>--cluster-cpu</c>: the rounds, and
    /// <c>gap</c> for the rows of <see cref="OrleansGapBenchmarks"/> instead of <see cref="OrleansBenchmarks"/>.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
        bool gap = args.Length > 1 && args[1] == "gap";
        object benchmarks = gap ? new OrleansGapBenchmarks() : new OrleansBenchmarks();
        (string Row, int Calls, string Plain, string SessionGen)[] rows = gap ? GapRows : TargetRows;
        if (gap && args.Length > 2)
        {
            rows = [.. rows.Where(r => args[2..].Contains(r.Row))]; // some gap rows: --cluster-cpu 20 gap WireShapeFour WireShapeOne
        }

        if (args.Length > 1 && !gap)
        {
            rows = [.. rows.Where(r => r.Row == args[1])]; // one row (for a profiler): --cluster-cpu 60 SameSilo
        }

        // One side only (for a profiler): --cluster-cpu 300 SameSilo sessiongen (or plain); the other side's column repeats it.
        string side = args.Length > 2 ? args[2] : "";

        // Both sides in one profile (perf report/script --time per side): --cluster-cpu 150 SameSilo windows prints every
        // round's monotonic window, so that samples can be split between the two sides of one alternating run.
        bool windows = side == "windows";

        Invoke(benchmarks, "Setup"); // starts the cluster and warms every row up once
        try
        {
            Console.WriteLine($"load average at start: {LoadAverage()}; {rounds} rounds; medians per call");
            Console.WriteLine("| row | plain CPU µs | SessionGen CPU µs | CPU ratio | plain wall µs | SessionGen wall µs | wall ratio | plain B | SessionGen B | plain work items | SessionGen work items |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach ((string row, int calls, string plain, string sessionGen) in rows)
            {
                Func<Task> plainRun = Method(benchmarks, side == "sessiongen" ? sessionGen : plain);
                Func<Task> sessionGenRun = Method(benchmarks, side == "plain" ? plain : sessionGen);
                // Unmeasured rounds first: the tiered JIT's background recompilation (slow on a loaded machine) counts
                // in the process's CPU time, and would land on the first measured rounds of each row.
                for (int round = 0; round < WarmUpRounds; round++)
                {
                    await plainRun().ConfigureAwait(false);
                    await sessionGenRun().ConfigureAwait(false);
                }

                // For a profiler (perf record -k CLOCK_MONOTONIC ... ; perf report --time start,end): the measured rounds' window.
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row}: measured rounds from monotonic {Monotonic():F3} s"));
                var plainCosts = new List<Cost>();
                var sessionGenCosts = new List<Cost>();
                for (int round = 0; round < rounds; round++)
                {
                    plainCosts.Add(await MeasureAsync(plainRun, calls, windows ? $"{row} plain" : null).ConfigureAwait(false));
                    sessionGenCosts.Add(await MeasureAsync(sessionGenRun, calls, windows ? $"{row} sessiongen" : null).ConfigureAwait(false));
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row}: measured rounds to monotonic {Monotonic():F3} s"));
                Cost p = Cost.Median(plainCosts);
                Cost s = Cost.Median(sessionGenCosts);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row} | {p.CpuMicroseconds:F1} | {s.CpuMicroseconds:F1} | {s.CpuMicroseconds / p.CpuMicroseconds:F2} | {p.WallMicroseconds:F1} | {s.WallMicroseconds:F1} | {s.WallMicroseconds / p.WallMicroseconds:F2} | {p.Bytes:F0} | {s.Bytes:F0} | {p.WorkItems:F2} | {s.WorkItems:F2} |"));
            }

            Console.WriteLine($"load average at end: {LoadAverage()}");
        }
        finally
        {
            Invoke(benchmarks, "Cleanup");
        }

        return 0;
    }

    private static Func<Task> Method(object benchmarks, string name) =>
        (Func<Task>)Delegate.CreateDelegate(typeof(Func<Task>), benchmarks, benchmarks.GetType().GetMethod(name)!);

    private static void Invoke(object benchmarks, string name) => benchmarks.GetType().GetMethod(name)!.Invoke(benchmarks, null);

    private static async Task<Cost> MeasureAsync(Func<Task> run, int calls, string? window)
    {
        double from = Monotonic();
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        long bytes = GC.GetTotalAllocatedBytes(precise: false);
        long items = ThreadPool.CompletedWorkItemCount;
        long started = Stopwatch.GetTimestamp();
        await run().ConfigureAwait(false);
        TimeSpan wall = Stopwatch.GetElapsedTime(started);
        long itemsAfter = ThreadPool.CompletedWorkItemCount;
        long bytesAfter = GC.GetTotalAllocatedBytes(precise: false);
        process.Refresh();
        TimeSpan cpuAfter = process.TotalProcessorTime;
        if (window is not null)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"window {window} {from:F6} {Monotonic():F6} {(cpuAfter - cpu).TotalMicroseconds / calls:F2}"));
        }

        return new Cost(
            (cpuAfter - cpu).TotalMicroseconds / calls,
            wall.TotalMicroseconds / calls,
            (double)(bytesAfter - bytes) / calls,
            (double)(itemsAfter - items) / calls);
    }

    // Stopwatch is CLOCK_MONOTONIC on Linux, in nanoseconds.
    private static double Monotonic() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Cost(double CpuMicroseconds, double WallMicroseconds, double Bytes, double WorkItems)
    {
        public static Cost Median(List<Cost> costs) => new(
            MedianOf(costs.Select(c => c.CpuMicroseconds)),
            MedianOf(costs.Select(c => c.WallMicroseconds)),
            MedianOf(costs.Select(c => c.Bytes)),
            MedianOf(costs.Select(c => c.WorkItems)));

        private static double MedianOf(IEnumerable<double> values)
        {
            double[] sorted = [.. values.Order()];
            return sorted[sorted.Length / 2];
        }
    }
}
