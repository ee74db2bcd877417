using Akka.Actor;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>
/// The Akka.NET actor of the round-trip benchmark: an <see cref="UntypedActor"/> with a switch on the message
/// (Akka.NET's cheapest dispatch), replying to the sender with the argument plus one in its one reply object.
/// </summary>
public sealed class AkkaEchoActor : UntypedActor
{
    private readonly EchoReply reply = new();

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case EchoRequest request:
                reply.Value = request.Value + 1;
                Sender.Tell(reply, Self);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
