using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// A column of a figure each benchmark process reports of itself through <see cref="CpuMeter"/>: the figure of each
/// process (from its actual iterations' <see cref="MeterLines"/>), then the median over the row's processes with
/// their range, so one unlucky process cannot decide a comparison.
/// </summary>
/// <param name="name">The header.</param>
/// <param name="legend">What the figure means.</param>
/// <param name="ofProcess">One process's figure from its actual iterations' lines (at least one).</param>
/// <param name="format">How a figure is printed.</param>
public sealed class PerProcessColumn(string name, string legend, Func<IReadOnlyList<double[]>, double> ofProcess, string format) : IColumn
{
    private readonly ConcurrentDictionary<BenchmarkCase, string> cache = new();

    /// <summary>CPU nanoseconds (all threads) per operation.</summary>
    public static PerProcessColumn CpuPerOperation { get; } = new(
        "CPU ns/op",
        "Process CPU time (all threads) per operation, median of a process's iterations; median over processes [min-max]",
        lines => Statistics.Median(lines.Select(line => line[MeterLines.Cpu] / line[MeterLines.Operations]).ToArray()),
        "N1");

    /// <summary>ThreadPool.ThreadCount after the last measured iteration.</summary>
    public static PerProcessColumn PoolThreads { get; } = new(
        "Pool threads",
        "ThreadPool.ThreadCount after a process's last measured iteration; median over processes [min-max]",
        lines => lines[^1][MeterLines.PoolThreads],
        "N0");

    /// <inheritdoc/>
    public string Id => nameof(PerProcessColumn) + "." + name;

    /// <inheritdoc/>
    public string ColumnName => name;

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 1;

    /// <inheritdoc/>
    public bool IsNumeric => false;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => legend;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        cache.GetOrAdd(benchmarkCase, _ => Format(summary[benchmarkCase]));

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;

    private string Format(BenchmarkReport? report)
    {
        if (report is null)
        {
            return "-";
        }

        double[] values = report.ExecuteResults
            .Select((launch, index) => MeterLines.OfActualIterations(launch, index + 1))
            .Where(lines => lines.Count > 0)
            .Select(ofProcess)
            .ToArray();
        if (values.Length == 0)
        {
            return "-";
        }

        string median = Statistics.Median(values).ToString(format, CultureInfo.InvariantCulture);
        return values.Length == 1
            ? median
            : $"{median} [{values.Min().ToString(format, CultureInfo.InvariantCulture)}-{values.Max().ToString(format, CultureInfo.InvariantCulture)}]";
    }
}
