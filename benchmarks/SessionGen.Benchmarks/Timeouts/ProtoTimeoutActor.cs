using Proto;
using Proto.Timers;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// The Proto.Actor actor of the timeout benchmark: schedules with <see cref="Scheduler.SendOnce"/> (a message to
/// itself) and cancels the returned <see cref="CancellationTokenSource"/>s.
/// </summary>
public sealed class ProtoTimeoutActor : IActor
{
    private readonly CancellationTokenSource?[] handles;
    private Scheduler? scheduler;
    private int fired;

    /// <summary>Creates the actor.</summary>
    public ProtoTimeoutActor(int capacity) => handles = new CancellationTokenSource?[capacity];

    /// <inheritdoc/>
    public Task ReceiveAsync(IContext context)
    {
        switch (context.Message)
        {
            case Started:
                scheduler = new Scheduler(context);
                break;
            case ScheduleMany request:
                for (int i = 0; i < request.Count; i++)
                {
                    handles[i] = scheduler!.SendOnce(TimeoutWorkload.Delay, context.Self, Fired.Instance);
                }

                context.Respond(request.Count);
                break;
            case CancelMany request:
                int stopped = 0;
                for (int i = 0; i < request.Count; i++)
                {
                    CancellationTokenSource handle = handles[i]!;
                    if (!handle.IsCancellationRequested)
                    {
                        handle.Cancel();
                        stopped++;
                    }

                    handles[i] = null;
                }

                context.Respond(stopped);
                break;
            case Fired:
                fired++;
                break;
        }

        return Task.CompletedTask;
    }
}
