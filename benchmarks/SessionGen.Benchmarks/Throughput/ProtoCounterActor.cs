using Proto;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>The Proto.Actor actor of the one-way benchmark: the same counting as <see cref="CounterSession"/>, a type test on a preallocated message.</summary>
public sealed class ProtoCounterActor(Countdown done) : IActor
{
    private long sum;
    private int count;

    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is CountMessage add)
        {
            sum += add.Value;
            if (++count == Workload.PerTarget)
            {
                count = 0;
                done.Signal();
            }
        }

        return Task.CompletedTask;
    }
}
