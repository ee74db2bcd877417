using System.Collections.Concurrent;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// A column that measures retained memory per item outside BenchmarkDotNet's timed runs. It runs the probe for a
/// benchmark method (by name) once, in the host process, when the summary is built, and caches the figure;
/// timed iterations are never disturbed by the forced collections it needs.
/// </summary>
public sealed class RetainedMemoryColumn : IColumn
{
    private readonly Func<string, double?> probe;
    private readonly ConcurrentDictionary<string, string> cache = new();

    /// <summary>Creates the column.</summary>
    /// <param name="columnName">The header.</param>
    /// <param name="legend">What the figure means.</param>
    /// <param name="probe">Measures bytes per item for a benchmark method name; null when it has no probe.</param>
    public RetainedMemoryColumn(string columnName, string legend, Func<string, double?> probe)
    {
        ColumnName = columnName;
        Legend = legend;
        this.probe = probe;
    }

    /// <inheritdoc/>
    public string Id => nameof(RetainedMemoryColumn) + "." + ColumnName;

    /// <inheritdoc/>
    public string ColumnName { get; }

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend { get; }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        cache.GetOrAdd(benchmarkCase.Descriptor.WorkloadMethod.Name, Measure);

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;

    private string Measure(string method)
    {
        try
        {
            double? bytes = probe(method);
            return bytes is null ? "-" : $"{bytes.Value:N0} B";
        }
        catch (Exception exception)
        {
            Console.Error.WriteLine($"// {ColumnName} of {method} failed: {exception}");
            return "error";
        }
    }
}
