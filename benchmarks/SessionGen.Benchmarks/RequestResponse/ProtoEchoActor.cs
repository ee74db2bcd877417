using Proto;

namespace SessionGen.Benchmarks.RequestResponse;

/// <summary>The Proto.Actor actor of the round-trip benchmark: responds with the argument plus one in its one reply object.</summary>
public sealed class ProtoEchoActor : IActor
{
    private readonly EchoReply reply = new();

    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        if (context.Message is EchoRequest request)
        {
            reply.Value = request.Value + 1;
            context.Respond(reply);
        }

        return Task.CompletedTask;
    }
}
