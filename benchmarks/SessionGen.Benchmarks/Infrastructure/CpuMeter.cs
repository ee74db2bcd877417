using System.Diagnostics;
using System.Globalization;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// Process CPU time (every thread of the benchmark process: producers, the thread pool, the GC) spent by one
/// benchmark invocation, measured inside the benchmark process. Wall time moves by ±25% between runs on this shared
/// machine; CPU time per message moves far less, so it is shown beside throughput. A benchmark brackets its
/// invocation with <see cref="Start"/> and <see cref="Stop"/>, and calls <see cref="Report"/> from its
/// <c>[IterationCleanup]</c> (which makes BenchmarkDotNet run one invocation per iteration): the line goes to the
/// process's standard output, where <see cref="MeterLines"/> finds it when the summary is built.
/// </summary>
public static class CpuMeter
{
    /// <summary>How a line of this meter starts (not "//": BenchmarkDotNet keeps every standard output line).</summary>
    public const string Prefix = "#cpu ";

    private static TimeSpan cpuAtStart;
    private static long wallAtStart;
    private static double cpuNanoseconds;
    private static double wallNanoseconds;
    private static long operations;

    /// <summary>Marks the start of an invocation.</summary>
    public static void Start()
    {
        wallAtStart = Stopwatch.GetTimestamp();
        cpuAtStart = Environment.CpuUsage.TotalTime;
    }

    /// <summary>Marks the end of an invocation of <paramref name="operationsDone"/> operations.</summary>
    public static void Stop(long operationsDone)
    {
        TimeSpan cpu = Environment.CpuUsage.TotalTime - cpuAtStart;
        cpuNanoseconds = cpu.Ticks * 100.0;
        wallNanoseconds = Stopwatch.GetElapsedTime(wallAtStart).Ticks * 100.0;
        operations = operationsDone;
    }

    /// <summary>
    /// Writes the last invocation's figures, the thread pool's size and a scenario's own <paramref name="extra"/>
    /// figures: one line per iteration (fields in <see cref="MeterLines"/>' order).
    /// </summary>
    public static void Report(params double[] extra)
    {
        string tail = string.Concat(extra.Select(value => string.Create(CultureInfo.InvariantCulture, $" {value:F0}")));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{Prefix}{cpuNanoseconds:F0} {wallNanoseconds:F0} {operations} {ThreadPool.ThreadCount}{tail}"));
        cpuNanoseconds = 0;
        wallNanoseconds = 0;
        operations = 0;
    }
}
