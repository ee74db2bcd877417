using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The search, among the durable processes that declare an operation name, for the one whose store holds a session
/// (loading it), and the senders by that name to that session, taking turns in the order they came (see
/// <see cref="TurnQueue{T}"/>), so one sender's messages by name keep their order.
/// </summary>
internal sealed class NameLookup : TurnQueue<SessionOperation?>
{
    private readonly Action<NameLookup> finished;

    public NameLookup((SessionId Id, string Operation) route, Action<NameLookup> finished)
    {
        Route = route;
        this.finished = finished;
    }

    /// <summary>The session and the operation name the senders send to.</summary>
    public (SessionId Id, string Operation) Route { get; }

    protected override void Finished() => finished(this);
}
