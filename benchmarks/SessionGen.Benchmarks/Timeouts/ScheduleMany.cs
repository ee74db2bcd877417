namespace SessionGen.Benchmarks.Timeouts;

/// <summary>The peers' request to schedule <paramref name="Count"/> timeouts.</summary>
public sealed record ScheduleMany(int Count);
