using Proto;

namespace SessionGen.Benchmarks.Dispatch;

/// <summary>The Proto.Actor actor of the dispatch benchmark: a type switch over the message.</summary>
public sealed class ProtoDispatchActor : IActor
{
    private int count;

    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is AddMessage add)
        {
            count += add.Value;
        }
        else if (context.Message is CountQuery query)
        {
            query.Count = count;
        }

        return Task.CompletedTask;
    }
}
