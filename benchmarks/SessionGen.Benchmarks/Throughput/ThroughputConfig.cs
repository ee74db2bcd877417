using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>
/// Several fresh processes per row under workstation and server GC (<see cref="ProcessesConfig"/>), and messages per
/// second at the mean and at the median.
/// </summary>
public sealed class ThroughputConfig : ProcessesConfig
{
    /// <summary>Creates the config.</summary>
    public ThroughputConfig() => AddColumn(PerSecondColumn.Messages, PerSecondColumn.MessagesAtMedian);
}
