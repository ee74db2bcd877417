using Proto;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>Drives a <see cref="ProtoTimeoutActor"/> with <c>RequestAsync</c>.</summary>
public sealed class ProtoTimeoutDriver : TimeoutDriver
{
    private readonly ActorSystem system = new();
    private readonly PID actor;

    /// <summary>Starts the actor.</summary>
    public ProtoTimeoutDriver(int capacity) => actor = system.Root.Spawn(Props.FromProducer(() => new ProtoTimeoutActor(capacity)));

    /// <inheritdoc/>
    public override Task ScheduleAsync(int count) => system.Root.RequestAsync<int>(actor, new ScheduleMany(count), CancellationToken.None);

    /// <inheritdoc/>
    public override Task<int> CancelAsync(int count) => system.Root.RequestAsync<int>(actor, new CancelMany(count), CancellationToken.None);

    /// <inheritdoc/>
    public override void Dispose() => system.ShutdownAsync().GetAwaiter().GetResult();
}
