using System.Threading.Channels;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>
/// The floor of the round-trip benchmark: a bare unbounded channel of pooled requests and one reader loop that
/// completes each with its argument plus one.
/// </summary>
public sealed class ChannelEchoServer
{
    private readonly Channel<PooledReply> channel = Channel.CreateUnbounded<PooledReply>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<PooledReply> giveBack;
    private readonly Task loop;
    private PooledReply? spare = new();

    /// <summary>Starts the reader loop.</summary>
    public ChannelEchoServer()
    {
        giveBack = reply => Volatile.Write(ref spare, reply);
        loop = Task.Run(ReadAsync);
    }

    /// <summary>Sends <paramref name="argument"/> and completes with the reply.</summary>
    public ValueTask<int> EchoAsync(int argument)
    {
        PooledReply reply = Interlocked.Exchange(ref spare, null) ?? new PooledReply();
        ValueTask<int> pending = reply.Prepare(argument, giveBack);
        channel.Writer.TryWrite(reply);
        return pending;
    }

    /// <summary>Ends the reader loop.</summary>
    public Task StopAsync()
    {
        channel.Writer.TryComplete();
        return loop;
    }

    private async Task ReadAsync()
    {
        ChannelReader<PooledReply> reader = channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out PooledReply? reply))
            {
                reply.Reply(reply.Argument + 1);
            }
        }
    }
}
