using Akka.Actor;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>Spawns <see cref="AkkaIdleActor"/>s under the user guardian with <c>ActorOf</c>.</summary>
public sealed class AkkaStarter : SessionStarter
{
    private readonly ActorSystem system = AkkaSystems.Create("start");
    private readonly Props props = Props.CreateBy(new AkkaIdleActorProducer());

    /// <inheritdoc/>
    public override Task StartAsync(int count)
    {
        Task all = StartSignal.Started.Reset(count);
        for (int i = 0; i < count; i++)
        {
            system.ActorOf(props);
        }

        return all;
    }

    /// <inheritdoc/>
    public override void Dispose() => AkkaSystems.Stop(system);
}
