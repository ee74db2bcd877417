using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// One load of a stored session, and the senders that wait for it, taking turns in the order they came (see
/// <see cref="TurnQueue{T}"/>); a sender that comes meanwhile, even one that would find the session registered, waits behind them.
/// </summary>
internal sealed class SessionLoad : TurnQueue<SessionContext?>
{
    private readonly Action<SessionLoad> finished;

    public SessionLoad(SessionProcessDefinition definition, SessionId id, Action<SessionLoad> finished)
    {
        Definition = definition;
        Id = id;
        this.finished = finished;
    }

    /// <summary>The process whose record of <see cref="Id"/> this load reads.</summary>
    public SessionProcessDefinition Definition { get; }

    public SessionId Id { get; }

    protected override void Finished() => finished(this);
}
