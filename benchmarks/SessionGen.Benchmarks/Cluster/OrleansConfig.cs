using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>One baseline per row (category), and calls per second.</summary>
public sealed class OrleansConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public OrleansConfig()
    {
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddColumn(CategoriesColumn.Default);
        AddColumn(new PerSecondColumn("Calls/s", "Calls (messages) answered per second (1 s / Mean)"));
    }
}
