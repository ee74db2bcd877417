using Akka.Actor;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>
/// The Akka.NET actor of the one-way benchmark, the same counting as <see cref="CounterSession"/>: an
/// <see cref="UntypedActor"/> with a switch on the message (Akka.NET's cheapest dispatch: no <c>ReceiveActor</c>
/// handler table).
/// </summary>
public sealed class AkkaCounterActor(Countdown done) : UntypedActor
{
    private long sum;
    private int count;

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case CountMessage add:
                sum += add.Value;
                if (++count == Workload.PerTarget)
                {
                    count = 0;
                    done.Signal();
                }

                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
