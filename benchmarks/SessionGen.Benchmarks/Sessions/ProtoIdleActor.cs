using Proto;
namespace SessionGen.Benchmarks.Sessions;

/// <summary>The Proto.Actor actor of the start benchmark: one counter; signals once it has started.</summary>
public sealed class ProtoIdleActor : IActor
{
    private int count;

    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                StartSignal.Started.Signal();
                break;
            case CountMessage:
                ++count;
                break;
        }

        return Task.CompletedTask;
    }
}
