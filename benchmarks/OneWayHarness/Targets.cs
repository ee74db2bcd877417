using System.Threading.Channels;
using Akka.Actor;
using Proto;

namespace SessionGen.OneWayHarness;

/// <summary>The floor: a bare unbounded <see cref="Channel{T}"/> of <see cref="int"/> and one reader loop per target.</summary>
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

/// <summary>The Akka.NET peer written the fast way: an untyped actor with a switch.</summary>
public sealed class AkkaCounter(Countdown done) : UntypedActor
{
    private long sum;
    private int count;

    /// <inheritdoc />
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Add add:
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

/// <summary>The Proto.Actor peer written the fast way.</summary>
public sealed class ProtoCounter(Countdown done) : IActor
{
    private long sum;
    private int count;

    /// <inheritdoc />
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is Add add)
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

/// <summary>The peers' message, preallocated once.</summary>
public sealed record Add(int Value);
