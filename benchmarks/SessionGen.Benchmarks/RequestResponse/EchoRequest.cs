namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>The peers' request, made once and sent for every round trip (no boxing, no allocation per call).</summary>
/// <param name="Value">What the actor answers plus one.</param>
public sealed record EchoRequest(int Value);
