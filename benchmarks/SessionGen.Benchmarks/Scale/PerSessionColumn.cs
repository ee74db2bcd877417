using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SessionGen.Benchmarks.Scale;

/// <summary>The mean time of an invocation divided by its <c>Sessions</c> parameter: the start time per session.</summary>
public sealed class PerSessionColumn : IColumn
{
    /// <summary>The column.</summary>
    public static PerSessionColumn Instance { get; } = new();

    /// <inheritdoc/>
    public string Id => nameof(PerSessionColumn);

    /// <inheritdoc/>
    public string ColumnName => "Per session";

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
    public string Legend => "Mean / Sessions: the time to start one session";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 && benchmarkCase.Parameters["Sessions"] is int sessions
            ? $"{mean.Value / sessions:N0} ns"
            : "-";
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}
