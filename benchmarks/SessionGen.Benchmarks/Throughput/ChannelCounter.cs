using System.Threading.Channels;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Throughput;

/// <summary>
/// The floor of the one-way benchmark: a bare unbounded <see cref="Channel{T}"/> of <see cref="int"/> per target and
/// one reader loop, with the same counting as <see cref="CounterSession"/>.
/// </summary>
public sealed class ChannelCounter
{
    private readonly Channel<int> channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Countdown done;
    private readonly Task loop;
    private long sum;
    private int count;

    /// <summary>Starts the reader loop.</summary>
    public ChannelCounter(Countdown done)
    {
        this.done = done;
        loop = Task.Run(ReadAsync);
    }

    /// <summary>Where producers write.</summary>
    public ChannelWriter<int> Writer => channel.Writer;

    /// <summary>Ends the reader loop.</summary>
    public Task StopAsync()
    {
        channel.Writer.TryComplete();
        return loop;
    }

    private async Task ReadAsync()
    {
        ChannelReader<int> reader = channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out int value))
            {
                sum += value;
                if (++count == Workload.PerTarget)
                {
                    count = 0;
                    done.Signal();
                }
            }
        }
    }
}
