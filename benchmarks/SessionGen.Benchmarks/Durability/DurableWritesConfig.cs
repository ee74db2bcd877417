using BenchmarkDotNet.Configs;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Durability;

/// <summary>Adds the acknowledged-writes-per-second column to the durable-write benchmark.</summary>
public sealed class DurableWritesConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public DurableWritesConfig() => AddColumn(new PerSecondColumn("Writes/s", "Durable writes acknowledged per second (1 s / Mean)"));
}
