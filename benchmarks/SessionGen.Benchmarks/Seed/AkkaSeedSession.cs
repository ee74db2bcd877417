using Akka.Actor;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// Akka.NET's SessionManager, an actor per session written as its experts would: an <see cref="UntypedActor"/> with a
/// switch, preallocated requests and answers (the answer to a join is a boxed <see cref="JoinResult"/> made once),
/// events told to one subscriber actor per participant (Emit: all 3; EmitTo: the named one), the welcome scheduled
/// with <c>ScheduleTellOnce</c> to itself. The same state and the same event records as <see cref="SeedManager"/>.
/// </summary>
public sealed class AkkaSeedSession(SeedTally tally) : UntypedActor
{
    private static readonly object Joined = JoinResult.Joined;
    private static readonly object AlreadyPresent = JoinResult.AlreadyPresent;

    private readonly HashSet<string> participants = new();
    private string name = "";
    private IActorRef[] subscribers = [];

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case JoinRequest join:
                Join(join);
                break;
            case LeaveRequest leave:
                Leave(leave.Name);
                break;
            case GreetTimeout greet:
                tally.WelcomeFired();
                EmitTo(greet.Name, new Message(greet.Name, $"welcome to {name}"));
                break;
            case SeedInit init:
                name = init.Name;
                participants.UnionWith(SeedWorkload.Participants);
                subscribers = init.Subscribers;
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Join(JoinRequest join)
    {
        if (!participants.Add(join.Name))
        {
            Emit(new SessionError("participant already present", join.Name));
            Sender.Tell(AlreadyPresent, ActorRefs.NoSender);
            return;
        }

        Emit(new ParticipantJoined(join.Name));
        // AK1004 recommends IWithTimers, whose timers are keyed (a second join of the same name within 500 ms would
        // replace the first welcome; SessionGen's are independent) and wrapped; the one-shot ScheduleTellOnce is the
        // cheapest independent timer Akka.NET has, and this actor never stops while welcomes are pending.
#pragma warning disable AK1004
        Context.System.Scheduler.ScheduleTellOnce(SeedWorkload.WelcomeDelay, Self, join.Greet, ActorRefs.NoSender);
#pragma warning restore AK1004
        Sender.Tell(Joined, ActorRefs.NoSender);
    }

    private void Leave(string participant)
    {
        if (!participants.Remove(participant))
        {
            Emit(new SessionError("participant not found", participant));
        }
        else
        {
            Emit(new ParticipantLeft(participant));
            if (participants.Count == 0)
            {
                Context.Stop(Self);
            }
        }

        Sender.Tell(LeaveDone.Instance, ActorRefs.NoSender);
    }

    private void Emit(object @event)
    {
        foreach (IActorRef subscriber in subscribers)
        {
            subscriber.Tell(@event, ActorRefs.NoSender);
        }
    }

    private void EmitTo(string participant, object @event)
    {
        for (int i = 0; i < SeedWorkload.Participants.Length; i++)
        {
            if (SeedWorkload.Participants[i] == participant)
            {
                subscribers[i].Tell(@event, ActorRefs.NoSender);
            }
        }
    }
}
