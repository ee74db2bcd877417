using System.Globalization;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.Results;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// The <see cref="CpuMeter"/> lines one benchmark process wrote for its measured (actual) iterations. Fields of a
/// line: <see cref="Cpu"/> ns, <see cref="Wall"/> ns, <see cref="Operations"/>, <see cref="PoolThreads"/>, then the
/// scenario's own figures.
/// </summary>
public static class MeterLines
{
    /// <summary>Process CPU nanoseconds of the invocation.</summary>
    public const int Cpu = 0;

    /// <summary>Wall nanoseconds of the invocation, as the meter saw them.</summary>
    public const int Wall = 1;

    /// <summary>Operations of the invocation.</summary>
    public const int Operations = 2;

    /// <summary>ThreadPool.ThreadCount after the invocation.</summary>
    public const int PoolThreads = 3;

    /// <summary>The first of a scenario's own figures.</summary>
    public const int Extra = 4;

    /// <summary>
    /// The lines of one launch (<paramref name="launchIndex"/> counts from 1) that belong to actual iterations. The
    /// meter's lines go to standard output and the measurements through BenchmarkDotNet's pipe, so they are paired by
    /// order: the k-th meter line belongs to the k-th workload iteration (jitting, warm-up, actual), each of which ran
    /// the iteration cleanup once; a trailing line from the memory diagnoser's extra iteration has no measurement and
    /// is left out. A pair whose wall times disagree is left out too (the pairing would be wrong).
    /// </summary>
    public static IReadOnlyList<double[]> OfActualIterations(ExecuteResult launch, int launchIndex)
    {
        List<double[]> meter = launch.StandardOutput
            .Where(line => line.StartsWith(CpuMeter.Prefix, StringComparison.Ordinal))
            .Select(line => line[CpuMeter.Prefix.Length..].Split(' ').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
        List<Measurement> workload = launch.Results
            .Select(line => Measurement.Parse(line, launchIndex))
            .Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage is not (IterationStage.Result or IterationStage.Unknown))
            .ToList();
        var actual = new List<double[]>();
        for (int i = 0; i < Math.Min(meter.Count, workload.Count); i++)
        {
            if (workload[i].IterationStage != IterationStage.Actual || meter[i][Operations] <= 0)
            {
                continue;
            }

            double wallRatio = meter[i][Wall] / workload[i].Nanoseconds;
            if (wallRatio is < 0.5 or > 1.5)
            {
                Console.Error.WriteLine($"// CPU meter: iteration {i} of launch {launchIndex} does not match its measurement (wall ratio {wallRatio:F2}); left out.");
                continue;
            }

            actual.Add(meter[i]);
        }

        return actual;
    }
}
