using System.Text.Json.Serialization;

namespace SessionGen.Benchmarks.Durability;

/// <summary>
/// The durable process of the durable-session benchmarks: one stored field, one handler that returns the new value.
/// Every turn is committed to the host's store before its caller hears the answer.
/// </summary>
[SessionProcess(Durable = true)]
public partial class DurableCounter
{
    private int count;

    /// <summary>The starter (its start is stored too).</summary>
    [On("Open", StartsSession = true)]
    public void Open()
    {
    }

    /// <summary>Adds one and answers with the new value.</summary>
    [On("Increment")]
    public int Increment() => ++count;
}

/// <summary>The stored field's contract, source-generated (no reflection): <c>SessionHostOptions.SerializerOptions</c>.</summary>
[JsonSerializable(typeof(int))]
public sealed partial class DurableCounterJson : JsonSerializerContext;
