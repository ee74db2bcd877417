namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>
/// The peers' answer: one object per actor, filled in and sent back for every round trip. Safe because the caller
/// reads it before sending the next request (one round trip at a time); it spares the peers the boxed <c>int</c> or
/// record per answer that SessionGen's typed <c>ValueTask&lt;int&gt;</c> does not pay either.
/// </summary>
public sealed class EchoReply
{
    /// <summary>The answer.</summary>
    public int Value { get; set; }
}
