using Akka.Actor;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// The Akka.NET actor of the timeout benchmark: schedules with the system scheduler's
/// <c>ScheduleTellOnceCancelable</c> (a message to itself) and cancels the returned <see cref="ICancelable"/>s.
/// </summary>
public sealed class AkkaTimeoutActor : ReceiveActor
{
    private readonly ICancelable?[] handles;
    private int fired;

    /// <summary>Registers the handlers.</summary>
    public AkkaTimeoutActor(int capacity)
    {
        handles = new ICancelable?[capacity];
        Receive<ScheduleMany>(Schedule);
        Receive<CancelMany>(Cancel);
        Receive<Fired>(_ => fired++);
    }

    private void Schedule(ScheduleMany request)
    {
        IScheduler scheduler = Context.System.Scheduler;
        IActorRef self = Self;
        for (int i = 0; i < request.Count; i++)
        {
            handles[i] = scheduler.ScheduleTellOnceCancelable(TimeoutWorkload.Delay, self, Fired.Instance, self);
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
