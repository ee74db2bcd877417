using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SessionGen.Benchmarks.Durability;

/// <summary>Adds the acknowledged-writes-per-second column to the durable-write benchmark.</summary>
public sealed class DurableWritesConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public DurableWritesConfig() => AddColumn(new WritesPerSecondColumn());

    private sealed class WritesPerSecondColumn : IColumn
    {
        public string Id => nameof(WritesPerSecondColumn);

        public string ColumnName => "Writes/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Durable writes acknowledged per second (1 s / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return nanoseconds is > 0 ? $"{1e9 / nanoseconds.Value:N0}" : "-";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public override string ToString() => ColumnName;
    }
}
