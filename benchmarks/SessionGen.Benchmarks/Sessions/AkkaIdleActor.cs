using Akka.Actor;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>
/// The Akka.NET actor of the start benchmark: one counter; signals once it has started. An <see cref="UntypedActor"/>
/// (a <c>ReceiveActor</c> would build its table of typed handlers in every actor's constructor).
/// </summary>
public sealed class AkkaIdleActor : UntypedActor
{
    private int count;

    /// <inheritdoc/>
    protected override void PreStart() => StartSignal.Started.Signal();

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case CountMessage:
                ++count;
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
