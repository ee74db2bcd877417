using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// Not a BenchmarkDotNet run: the seed workload's figures per awaited message for each side, the two rigs alternating
/// invocation by invocation in one process (so both see the same machine load): process CPU time (all threads, the
/// whole invocation including the welcomes' last 500 ms), bytes allocated (all threads) and the message phase's rate.
/// CPU per message moves far less than the rate on a shared machine; compare it first.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/SessionGen.Benchmarks -- --seed-cpu [rounds] [both|sessiongen|akka]</c>
/// (9 rounds by default; one side only for a profiler). The GC mode is the process's: <c>DOTNET_gcServer=1</c> for server GC.
/// </remarks>
public static class SeedCpu
{
    private const int WarmUpRounds = 2;

    /// <summary>Runs the measurement; <paramref name="args"/> are the arguments after <c>--seed-cpu</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
        string side = args.Length > 1 ? args[1] : "both";
        var rigs = new List<(string Name, SeedRig Rig, List<Cost> Costs)>();
        if (side is "both" or "sessiongen")
        {
            rigs.Add(("SessionGen", new SessionGenSeedRig(), []));
        }

        if (side is "both" or "akka")
        {
            rigs.Add(("Akka.NET", new AkkaSeedRig(), []));
        }

        try
        {
            Console.WriteLine($"load average at start: {LoadAverage()}; server GC: {GCSettings.IsServerGC}; {rounds} rounds of {SeedWorkload.Messages:N0} messages per side");
            for (int round = 0; round < WarmUpRounds + rounds; round++)
            {
                foreach ((string _, SeedRig rig, List<Cost> costs) in rigs)
                {
                    Cost cost = await MeasureAsync(rig).ConfigureAwait(false);
                    if (round >= WarmUpRounds)
                    {
                        costs.Add(cost);
                    }
                }
            }

            Console.WriteLine("| side | CPU ns/msg median [min-max] | k msg/s median [min-max] | B/msg | p50 / p99 µs |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
            foreach ((string name, SeedRig _, List<Cost> costs) in rigs)
            {
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {Median(costs, c => c.CpuNs):F0} [{costs.Min(c => c.CpuNs):F0}-{costs.Max(c => c.CpuNs):F0}] | {Median(costs, c => c.KiloMessages):F0} [{costs.Min(c => c.KiloMessages):F0}-{costs.Max(c => c.KiloMessages):F0}] | {Median(costs, c => c.Bytes):F0} | {Median(costs, c => c.P50):F1} / {Median(costs, c => c.P99):F1} |"));
            }

            Console.WriteLine($"load average at end: {LoadAverage()}");
        }
        finally
        {
            foreach ((string _, SeedRig rig, List<Cost> _) in rigs)
            {
                await rig.DisposeAsync().ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static async Task<Cost> MeasureAsync(SeedRig rig)
    {
        TimeSpan cpu = Environment.CpuUsage.TotalTime;
        long bytes = GC.GetTotalAllocatedBytes(precise: false);
        await rig.RunAsync().ConfigureAwait(false);
        long bytesAfter = GC.GetTotalAllocatedBytes(precise: false);
        TimeSpan cpuAfter = Environment.CpuUsage.TotalTime;
        rig.Tally.Check();
        (double p50, double p99) = rig.Latencies.Percentiles();
        return new Cost(
            (cpuAfter - cpu).Ticks * 100.0 / SeedWorkload.Messages,
            SeedWorkload.Messages / rig.MessagePhaseNanoseconds * 1e6,
            (double)(bytesAfter - bytes) / SeedWorkload.Messages,
            p50 / 1e3,
            p99 / 1e3);
    }

    private static double Median(List<Cost> costs, Func<Cost, double> of)
    {
        double[] sorted = [.. costs.Select(of).Order()];
        return sorted[sorted.Length / 2];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed record Cost(double CpuNs, double KiloMessages, double Bytes, double P50, double P99);
}
