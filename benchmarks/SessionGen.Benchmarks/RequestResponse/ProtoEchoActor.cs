using Proto;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>The Proto.Actor actor of the round-trip benchmark: responds with the argument plus one.</summary>
public sealed class ProtoEchoActor : IActor
{
    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is int value)
        {
            context.Respond(value + 1);
        }

        return Task.CompletedTask;
    }
}
