namespace SessionGen.Benchmarks.Throughput;

/// <summary>
/// The peers' one-way message, made once per producer and sent a million times, as their experts write a hot path:
/// no boxing, no allocation per message.
/// </summary>
/// <param name="Value">What the target adds.</param>
public sealed record CountMessage(int Value);
