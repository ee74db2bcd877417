namespace SessionGen.Benchmarks.Timeouts;

/// <summary>The timeout workload every library runs.</summary>
public static class TimeoutWorkload
{
    /// <summary>How far ahead every timeout is due: far enough that none fires during a measurement.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(10);

    /// <summary>Timeouts pending at once in the timed benchmark.</summary>
    public const int Timed = 100_000;

    /// <summary>Timeouts pending at once in the memory measurement.</summary>
    public const int Retained = 1_000_000;
}
