using BenchmarkDotNet.Configs;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>Adds the retained-bytes-per-idle-session column to the start benchmark.</summary>
public sealed class StartSessionsConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public StartSessionsConfig() =>
        AddColumn(new RetainedMemoryColumn(
            "Retained/session",
            "Bytes still reachable per idle session after starting 100,000, beyond a plain object with the user's fields (GC.GetTotalMemory(true) before/after, measured in the host process)",
            StartSessionsProbe.Measure));
}
