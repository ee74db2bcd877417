using Akka.Actor;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>The Akka.NET actor of the one-way benchmark: the same counting as <see cref="CounterSession"/>.</summary>
public sealed class AkkaCounterActor : ReceiveActor
{
    private readonly Countdown done;
    private long sum;
    private int count;

    /// <summary>Registers the handler.</summary>
    public AkkaCounterActor(Countdown done)
    {
        this.done = done;
        Receive<int>(Add);
    }

    private void Add(int value)
    {
        sum += value;
        if (++count == Workload.PerTarget)
        {
            count = 0;
            done.Signal();
        }
    }
}
