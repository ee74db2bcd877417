using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>One baseline per row (category), and calls per second.</summary>
public sealed class OrleansConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public OrleansConfig()
    {
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(CategoriesColumn.Default);
        AddColumn(new CallsPerSecondColumn());
    }

    private sealed class CallsPerSecondColumn : IColumn
    {
        public string Id => nameof(CallsPerSecondColumn);

        public string ColumnName => "Calls/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Calls (messages) answered per second (1 s / Mean)";

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
