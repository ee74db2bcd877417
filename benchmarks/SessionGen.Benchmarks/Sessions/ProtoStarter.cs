using Proto;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>Spawns <see cref="ProtoIdleActor"/>s with <c>Root.Spawn</c>.</summary>
public sealed class ProtoStarter : SessionStarter
{
    private readonly ActorSystem system = new();
    private readonly Props props = Props.FromProducer(static () => new ProtoIdleActor());

    /// <inheritdoc/>
    public override Task StartAsync(int count)
    {
        Task all = StartSignal.Started.Reset(count);
        for (int i = 0; i < count; i++)
        {
            system.Root.Spawn(props);
        }

        return all;
    }

    /// <inheritdoc/>
    public override void Dispose() => system.ShutdownAsync().GetAwaiter().GetResult();
}
