using Proto;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>The Proto.Actor actor of the one-way benchmark: the same counting as <see cref="CounterSession"/>.</summary>
public sealed class ProtoCounterActor : IActor
{
    private readonly Countdown done;
    private long sum;
    private int count;

    /// <summary>Creates the actor.</summary>
    public ProtoCounterActor(Countdown done) => this.done = done;

    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is int value)
        {
            sum += value;
            if (++count == Workload.PerTarget)
            {
                count = 0;
                done.Signal();
            }
        }

        return Task.CompletedTask;
    }
}
