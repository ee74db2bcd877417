using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SessionGen.Benchmarks.Infrastructure;

/// <summary>
/// A rate column: the inverse of the mean time per operation (benchmarks report one message, write or call as one
/// operation), shown as a whole number or, for the fast rows, in millions.
/// </summary>
public sealed class PerSecondColumn(string name, string legend, bool inMillions = false, bool ofMedian = false) : IColumn
{
    /// <summary>Messages per second at the median time, in millions: the rows measured in several processes.</summary>
    public static PerSecondColumn MessagesAtMedian { get; } = new("Msg/s (median)", "Messages handled per second (1 s / Median)", inMillions: true, ofMedian: true);

    /// <summary>Messages per second, in millions: the throughput rows.</summary>
    public static PerSecondColumn Messages { get; } = new("Msg/s", "Messages handled per second (1 s / Mean)", inMillions: true);

    /// <inheritdoc/>
    public string Id => nameof(PerSecondColumn) + "." + name;

    /// <inheritdoc/>
    public string ColumnName => name;

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
    public string Legend => legend;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? nanoseconds = ofMedian ? summary[benchmarkCase]?.ResultStatistics?.Median : summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (nanoseconds is not > 0)
        {
            return "-";
        }

        double perSecond = 1e9 / nanoseconds.Value;
        return inMillions ? $"{perSecond / 1e6:N2} M" : $"{perSecond:N0}";
    }

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public override string ToString() => ColumnName;
}
