using Akka.Actor;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>Makes <see cref="AkkaIdleActor"/>s without reflection: Akka.NET's fastest documented way to create actors.</summary>
public sealed class AkkaIdleActorProducer : IIndirectActorProducer
{
    /// <inheritdoc/>
    public Type ActorType => typeof(AkkaIdleActor);

    /// <inheritdoc/>
    public ActorBase Produce() => new AkkaIdleActor();

    /// <inheritdoc/>
    public void Release(ActorBase actor)
    {
    }
}
