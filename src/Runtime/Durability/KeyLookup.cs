namespace SessionGen;

/// <summary>
/// One lookup of a correlation key's owner in the store, and the senders routed by that key, taking turns in the
/// order they came (see <see cref="TurnQueue{T}"/>), so one sender's correlated messages keep their order.
/// </summary>
internal sealed class KeyLookup : TurnQueue<SessionId?>
{
    private readonly Action<KeyLookup> finished;

    public KeyLookup((string Process, CorrelationKey Key) route, Action<KeyLookup> finished)
    {
        Route = route;
        this.finished = finished;
    }

    /// <summary>The process and the key (the message's first) the senders are routed by.</summary>
    public (string Process, CorrelationKey Key) Route { get; }

    protected override void Finished() => finished(this);
}
