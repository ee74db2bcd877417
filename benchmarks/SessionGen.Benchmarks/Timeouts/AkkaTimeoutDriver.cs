using Akka.Actor;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>Drives an <see cref="AkkaTimeoutActor"/> with <c>Ask</c>.</summary>
public sealed class AkkaTimeoutDriver : TimeoutDriver
{
    private readonly ActorSystem system = AkkaSystems.Create("timeouts");
    private readonly IActorRef actor;

    /// <summary>Starts the actor.</summary>
    public AkkaTimeoutDriver(int capacity) => actor = system.ActorOf(Props.Create(() => new AkkaTimeoutActor(capacity)));

    /// <inheritdoc/>
    public override Task ScheduleAsync(int count) => actor.Ask<int>(new ScheduleMany(count));

    /// <inheritdoc/>
    public override Task<int> CancelAsync(int count) => actor.Ask<int>(new CancelMany(count));

    /// <inheritdoc/>
    public override void Dispose() => AkkaSystems.Stop(system);
}
