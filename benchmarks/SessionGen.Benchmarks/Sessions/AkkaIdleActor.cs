using Akka.Actor;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>The Akka.NET actor of the start benchmark: one counter; signals once it has started.</summary>
public sealed class AkkaIdleActor : ReceiveActor
{
    private int count;

    /// <summary>Registers the handler.</summary>
    public AkkaIdleActor()
    {
        Receive<int>(_ => ++count);
    }

    /// <inheritdoc/>
    protected override void PreStart() => StartSignal.Started.Signal();
}
