using BenchmarkDotNet.Configs;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>Adds the messages-per-second column to the one-way benchmark.</summary>
public sealed class ThroughputConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ThroughputConfig() => AddColumn(PerSecondColumn.Messages);
}
