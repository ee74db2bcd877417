using Akka.Actor;

namespace SessionGen.Benchmarks.Dispatch;

/// <summary>
/// The Akka.NET actor of the dispatch benchmark: an <see cref="UntypedActor"/> with a switch on the message, Akka.NET's
/// cheapest dispatch (a <c>ReceiveActor</c> walks its table of typed handlers per message).
/// </summary>
public sealed class AkkaDispatchActor : UntypedActor
{
    private int count;

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case AddMessage add:
                count += add.Value;
                break;
            case CountQuery query:
                query.Count = count;
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
