using Akka.Actor;

namespace SessionGen.Benchmarks.Dispatch;

/// <summary>The Akka.NET actor of the dispatch benchmark: a typed <c>Receive</c> handler.</summary>
public sealed class AkkaDispatchActor : ReceiveActor
{
    private int count;

    /// <summary>Registers the handler.</summary>
    public AkkaDispatchActor()
    {
        Receive<AddMessage>(message => count += message.Value);
        Receive<CountQuery>(query => query.Count = count);
    }
}
