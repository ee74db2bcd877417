namespace SessionGen.OneWayHarness;

/// <summary>The workload: 1,000 targets, 1,000 messages each, sent round robin by 2 producer threads.</summary>
public static class Workload
{
    /// <summary>Sessions, actors or channels.</summary>
    public const int Targets = 1_000;

    /// <summary>Messages each target handles per round.</summary>
    public const int PerTarget = 1_000;

    /// <summary>Threads sending at once.</summary>
    public const int Producers = 2;

    /// <summary>Messages per round.</summary>
    public const int Total = Targets * PerTarget;

    /// <summary>Passes each producer makes over all targets.</summary>
    public const int RoundsPerProducer = PerTarget / Producers;
}
