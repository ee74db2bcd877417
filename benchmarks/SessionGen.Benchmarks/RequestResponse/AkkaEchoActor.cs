using Akka.Actor;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>The Akka.NET actor of the round-trip benchmark: replies to the sender with the argument plus one.</summary>
public sealed class AkkaEchoActor : ReceiveActor
{
    /// <summary>Registers the handler.</summary>
    public AkkaEchoActor()
    {
        Receive<int>(value => Sender.Tell(value + 1));
    }
}
