namespace SessionGen.Runtime.Tests.Processes;

public enum ReviewGateState
{
    Locked,
    Unlocked,
}

/// <summary>
/// Review: a protocol with a bounded mailbox of one whose awaited senders wait for room. A Push sent while Locked
/// is held in the queue (it fills the mailbox); a Peek, accepted in any state, then waits for room.
/// </summary>
[SessionProcess(States = typeof(ReviewGateState), MailboxCapacity = 1, MailboxFullMode = MailboxFullMode.Wait)]
public partial class ReviewHeldGate
{
    private int peeks;

    [On("Install", StartsSession = true)]
    private void Install()
    {
    }

    [On("Coin")]
    [AcceptedIn(ReviewGateState.Locked)]
    [MovesTo(ReviewGateState.Unlocked)]
    private void Coin() => MoveTo(ReviewGateState.Unlocked);

    [On("Push")]
    [AcceptedIn(ReviewGateState.Unlocked)]
    [MovesTo(ReviewGateState.Locked)]
    private void Push() => MoveTo(ReviewGateState.Locked);

    [On("Peek")]
    private int Peek() => ++peeks;
}

/// <summary>Review: a handler time limit, and a handler whose token has a callback of the handler's own.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 1, FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class ReviewLimited
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Work")]
    private async Task<string> Work(Action onCancel, TaskCompletionSource started, Task release, CancellationToken token)
    {
        using CancellationTokenRegistration registration = token.Register(onCancel);
        started.TrySetResult();
        await release;
        return "done";
    }

    [On("Ping")]
    private string Ping() => "pong";
}

/// <summary>Review: a handler that takes a token (so it sees the host stopping) and a callback on it.</summary>
[SessionProcess]
public partial class ReviewStoppable
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Work")]
    private async Task<string> Work(Action onCancel, TaskCompletionSource started, Task release, CancellationToken token)
    {
        using CancellationTokenRegistration registration = token.Register(onCancel);
        started.TrySetResult();
        await release;
        return "done";
    }
}

/// <summary>Review: a handler that outlives its session and then schedules a timeout.</summary>
[SessionProcess]
public partial class ReviewLingerer
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Linger")]
    private async Task<string> Linger(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
        ScheduleTick(TimeSpan.FromSeconds(5));
        return "scheduled";
    }

    [OnTimeout("Tick")]
    private void Tick()
    {
    }
}

/// <summary>Review: handlers that call other sessions (or their own) in ways that are not cycles, and one that is.</summary>
[SessionProcess]
public partial class ReviewCaller
{
    private int pings;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>
    /// Leaves a task running that sends an awaited Ping to this very session while this handler still runs but
    /// does not wait for that task: the Ping can simply run after this handler. Started with the handler's execution
    /// context, the task is part of the handler's call chain (the runtime cannot tell it is not awaited), so the Ping
    /// fails with CallCycleException; started with the flow suppressed, it is a caller of its own.
    /// </summary>
    [On("Spawn")]
    private async Task Spawn(SessionHost host, bool suppressFlow, TaskCompletionSource sent, Task release, TaskCompletionSource<string> outcome)
    {
        SessionId self = SessionId;
        Func<Task> detached = async () =>
        {
            ValueTask<int> ping = Connect(host, self).PingAsync();
            sent.TrySetResult();
            try
            {
                outcome.TrySetResult((await ping).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception exception)
            {
                outcome.TrySetResult(exception.GetType().Name);
            }
        };
        if (suppressFlow)
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(detached);
            }
        }
        else
        {
            _ = Task.Run(detached);
        }

        await release;
    }

    /// <summary>Waits for <paramref name="release"/>, then awaits <paramref name="other"/>'s Ping.</summary>
    [On("CallLater")]
    private async Task<int> CallLater(SessionHost host, SessionId other, TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
        return await Connect(host, other).PingAsync();
    }

    [On("Ping")]
    private int Ping() => ++pings;
}
