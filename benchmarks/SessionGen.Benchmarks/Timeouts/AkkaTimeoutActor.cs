using Akka.Actor;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// The Akka.NET actor of the timeout benchmark: schedules with the system scheduler's
/// <c>ScheduleTellOnceCancelable</c> (a preallocated message to itself) and cancels the returned
/// <see cref="ICancelable"/>s. An <see cref="UntypedActor"/> with a switch on the message: Akka.NET's cheapest dispatch.
/// </summary>
public sealed class AkkaTimeoutActor(int capacity) : UntypedActor
{
    private readonly ICancelable?[] handles = new ICancelable?[capacity];
    private int fired;

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ScheduleMany request:
                Schedule(request);
                break;
            case CancelMany request:
                Cancel(request);
                break;
            case Fired:
                fired++;
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Schedule(ScheduleMany request)
    {
        IScheduler scheduler = Context.System.Scheduler;
        IActorRef self = Self;
        for (int i = 0; i < request.Count; i++)
        {
            handles[i] = scheduler.ScheduleTellOnceCancelable(TimeoutWorkload.Delay, self, Fired.Instance, ActorRefs.NoSender);
        }

        Sender.Tell(request.Count);
    }

    private void Cancel(CancelMany request)
    {
        int stopped = 0;
        for (int i = 0; i < request.Count; i++)
        {
            ICancelable handle = handles[i]!;
            if (!handle.IsCancellationRequested)
            {
                handle.Cancel();
                stopped++;
            }

            handles[i] = null;
        }

        Sender.Tell(stopped);
    }
}
