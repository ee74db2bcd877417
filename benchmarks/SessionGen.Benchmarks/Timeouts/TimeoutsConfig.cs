using BenchmarkDotNet.Configs;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>Adds the retained-bytes-per-pending-timeout column (1,000,000 pending) to the timeout benchmark.</summary>
public sealed class TimeoutsConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public TimeoutsConfig() =>
        AddColumn(new RetainedMemoryColumn(
            "Retained/pending @1M",
            "Bytes still reachable per pending timeout with 1,000,000 pending at once, handles included (GC.GetTotalMemory(true) before/after, measured in the host process)",
            TimeoutsProbe.Measure));
}
