namespace SessionGen.Benchmarks.Throughput;

/// <summary>The one-way workload every library runs: 1,000 targets, 1,000 messages each, from 2 producers.</summary>
public static class Workload
{
    /// <summary>Sessions or actors.</summary>
    public const int Targets = 1_000;

    /// <summary>Messages each target handles per benchmark invocation.</summary>
    public const int PerTarget = 1_000;

    /// <summary>Threads sending at once.</summary>
    public const int Producers = 2;

    /// <summary>Messages per invocation.</summary>
    public const int Total = Targets * PerTarget;

    /// <summary>Rounds each producer makes over all targets, one message per target per round.</summary>
    public const int RoundsPerProducer = PerTarget / Producers;
}
