using Akka.Actor;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// Akka.NET's side: 10,000 <see cref="AkkaSeedSession"/> actors, each with 3 <see cref="AkkaSeedSubscriber"/> actors;
/// clients send the preallocated requests with <c>Ask</c> (no timeout, as everywhere in the suite).
/// </summary>
public sealed class AkkaSeedRig : SeedRig
{
    private readonly ActorSystem system = AkkaSystems.Create("seed");
    private readonly IActorRef[] sessions = new IActorRef[SeedWorkload.Sessions];
    private readonly JoinRequest[] joins = [.. SeedWorkload.Participants.Select(name => new JoinRequest(name, new GreetTimeout(name)))];
    private readonly LeaveRequest[] leaves = [.. SeedWorkload.Participants.Select(name => new LeaveRequest(name))];

    /// <summary>Starts the session and subscriber actors.</summary>
    public AkkaSeedRig()
    {
        SeedTally tally = Tally;
        Props subscriberProps = Props.Create(() => new AkkaSeedSubscriber(tally));
        Props sessionProps = Props.Create(() => new AkkaSeedSession(tally));
        for (int i = 0; i < sessions.Length; i++)
        {
            IActorRef[] subscribers = [.. SeedWorkload.Participants.Select(_ => system.ActorOf(subscriberProps))];
            sessions[i] = system.ActorOf(sessionProps);
            sessions[i].Tell(new SeedInit(SeedWorkload.Name(i), subscribers), ActorRefs.NoSender);
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync()
    {
        AkkaSystems.Stop(system);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    protected override ValueTask LeaveAsync(int session, int participant) =>
        new(sessions[session].Ask<LeaveDone>(leaves[participant]));

    /// <inheritdoc/>
    protected override ValueTask<JoinResult> JoinAsync(int session, int participant) =>
        new(sessions[session].Ask<JoinResult>(joins[participant]));
}
