using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Scale;

/// <summary>
/// One cold invocation per iteration (a million starts take seconds: no pilot, no overhead runs), 1 launch, 1 warm-up,
/// 3 iterations, unless the command line names a job; the per-session time and the retained bytes at a million.
/// </summary>
public sealed class StartAtScaleConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public StartAtScaleConfig()
    {
        AddColumn(
            PerSessionColumn.Instance,
            new RetainedMemoryColumn(
                "Retained/session @1M",
                "Bytes still reachable per idle session after starting 1,000,000, beyond a plain object with the user's fields (measured in the host process)",
                StartAtScaleProbe.Measure));
        if (!CommandLineJob.IsNamed())
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("Monitoring"));
        }
    }
}
