using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// The SessionGen side of the Orleans benchmarks: the work of <see cref="PlainCounterGrain"/>, not durable (so the
/// comparison is the call path, not a store). Registered on every silo with <c>options.AddProcess</c>.
/// </summary>
[SessionProcess("Cluster.Counter")]
public partial class Counter
{
    private int total;

    /// <summary>The starter.</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>Adds <paramref name="amount"/> and answers with the new total.</summary>
    [On("Add")]
    public int Add(string item, int amount)
    {
        SessionGen.Infrastructure.CallTimeline.Mark(4);
        total += amount;
        SessionGen.Infrastructure.CallTimeline.Mark(5);
        return total;
    }
}

/// <summary>As <see cref="Counter"/>, durable: every turn is written to the silos' shared <c>InMemorySessionStore</c> before it answers.</summary>
[SessionProcess("Cluster.StoredCounter", Durable = true)]
public partial class StoredCounter
{
    private int total;

    /// <summary>The starter (stored too).</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>Adds <paramref name="amount"/> and answers with the new total.</summary>
    [On("Add")]
    public int Add(string item, int amount) => total += amount;
}

/// <summary>The contracts of the messages' values, the results and the stored field, source-generated.</summary>
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
public sealed partial class ClusterBenchJson : JsonSerializerContext;

/// <summary>The JSON options the silos and every <c>ClusterSessionHost</c> share (a class of its own: static initialization order).</summary>
public static class ClusterWire
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new() { TypeInfoResolver = ClusterBenchJson.Default };
}
