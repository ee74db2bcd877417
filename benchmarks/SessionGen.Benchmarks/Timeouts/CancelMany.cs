namespace SessionGen.Benchmarks.Timeouts;

/// <summary>The peers' request to cancel the first <paramref name="Count"/> timeouts; the reply is how many it stopped.</summary>
public sealed record CancelMany(int Count);
