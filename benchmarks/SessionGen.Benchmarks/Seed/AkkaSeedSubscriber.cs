using Akka.Actor;

namespace SessionGen.Benchmarks.Seed;

/// <summary>Akka.NET: one participant's subscriber, an actor that counts every event it receives (as SessionGen's reader loop does).</summary>
public sealed class AkkaSeedSubscriber(SeedTally tally) : UntypedActor
{
    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ParticipantJoined or ParticipantLeft or Message or SessionError:
                tally.EventDelivered();
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
