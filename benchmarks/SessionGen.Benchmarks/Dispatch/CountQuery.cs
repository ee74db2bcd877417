namespace SessionGen.Benchmarks.Dispatch;

/// <summary>Asks a peer's dispatch actor for its count, so setup can check that the invoked handler really ran.</summary>
public sealed class CountQuery
{
    /// <summary>The count the actor reported.</summary>
    public int Count { get; set; } = -1;
}
