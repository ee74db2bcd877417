namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// A mailbox of one whose awaited senders wait for room, and whose messages carry a time to live: one-way posts
/// then travel as requests nobody awaits, which must never wait for room.
/// </summary>
[SessionProcess(MailboxCapacity = 1, MailboxFullMode = MailboxFullMode.Wait, MessageTimeToLiveSeconds = 600)]
public partial class TimedOneWay
{
    private int handled;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Tick")]
    private async Task Tick()
    {
        handled++;
        await Task.Yield();
    }

    [On("Handled")]
    private int Handled() => handled;
}

/// <summary>A plain starter whose first turn always runs on the thread pool (a time limit forbids inline turns).</summary>
[SessionProcess(HandlerTimeLimitSeconds = 600)]
public partial class PooledStart
{
    private bool started;

    [On("Open", StartsSession = true)]
    private void Open() => started = true;

    [On("WasStarted")]
    private bool WasStarted() => started;
}

/// <summary>One session at a time, whose starter always runs on the thread pool (a time limit forbids inline turns).</summary>
[SessionProcess(Execution = ExecutionMode.Sequential, HandlerTimeLimitSeconds = 600)]
public partial class PooledTurnstile
{
    [On("Enter", StartsSession = true)]
    private void Enter()
    {
    }

    [On("Leave")]
    private void Leave() => EndSession();
}

/// <summary>One keyed session per lot: the start that finds the lot taken is refused.</summary>
[SessionProcess]
public partial class KeyedLot
{
    [On("Open", StartsSession = true)]
    private void Open([Correlation("lot")] string lot)
    {
    }

    [On("Close")]
    private void Close([Correlation("lot")] string lot) => EndSession();
}

/// <summary>A sequential process correlated by the same set as <see cref="KeyedLot"/>.</summary>
[SessionProcess(Execution = ExecutionMode.Sequential)]
public partial class SequentialLot
{
    [On("Open", StartsSession = true)]
    private void Open([Correlation("lot")] string lot)
    {
    }

    [On("Close")]
    private void Close([Correlation("lot")] string lot) => EndSession();
}

/// <summary>Handlers that call back into sessions: their own, or one that calls them back.</summary>
[SessionProcess]
public partial class Caller
{
    private int pings;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Awaits a message to its own session: it could only be handled after this handler.</summary>
    [On("CallSelf")]
    private async Task<int> CallSelf(SessionHost host)
    {
        await Task.Yield();
        return await Connect(host, SessionId).PingAsync();
    }

    /// <summary>Awaits a message to its own session, catches the refusal and carries on.</summary>
    [On("TryCallSelf")]
    private async Task<string> TryCallSelf(SessionHost host)
    {
        try
        {
            return (await Connect(host, SessionId).PingAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (CallCycleException cycle)
        {
            return cycle.GetType().Name;
        }
    }

    /// <summary>Awaits <paramref name="other"/>'s <c>CallBack</c>, which calls this session.</summary>
    [On("CallThrough")]
    private async Task<int> CallThrough(SessionHost host, SessionId other) => await Connect(host, other).CallBackAsync(host, SessionId);

    /// <summary>Awaits <paramref name="other"/>'s synchronous <c>SyncCallBack</c>, which calls this session.</summary>
    [On("CallThroughSync")]
    private async Task<string> CallThroughSync(SessionHost host, SessionId other) => await Connect(host, other).SyncCallBackAsync(host, SessionId);

    /// <summary>A synchronous handler (it cannot await) that calls <paramref name="caller"/> and says how that went at once.</summary>
    [On("SyncCallBack")]
    private string SyncCallBack(SessionHost host, SessionId caller)
    {
        ValueTask<int> call = Connect(host, caller).PingAsync();
        return call.IsFaulted ? call.AsTask().Exception!.InnerException!.GetType().Name : "sent";
    }

    /// <summary>Calls <paramref name="caller"/>'s Ping and returns its answer.</summary>
    [On("CallBack")]
    private async Task<int> CallBack(SessionHost host, SessionId caller) => await Connect(host, caller).PingAsync();

    /// <summary>Sends to itself without waiting: allowed, the message queues behind this handler.</summary>
    [On("PostSelf")]
    private void PostSelf(SessionHost host) => Connect(host, SessionId).PostPing();

    [On("Ping")]
    private int Ping() => ++pings;
}

/// <summary>Correlates late: the handler outlives its time limit (which ends the session), then takes a key.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 1)]
public partial class LateCorrelator
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Find")]
    private void Find([Correlation("lot")] string lot)
    {
    }

    [On("CorrelateLate")]
    private async Task CorrelateLate(string lot, TaskCompletionSource started, Task release, TaskCompletionSource<Exception?> outcome)
    {
        started.TrySetResult();
        await release;
        try
        {
            Correlate("lot", lot);
            outcome.TrySetResult(null);
        }
        catch (Exception exception)
        {
            outcome.TrySetResult(exception);
        }
    }
}

/// <summary>A process with a late correlated starter, to see whether a key is free.</summary>
[SessionProcess]
public partial class LotProbe
{
    [On("Open", StartsSession = true)]
    private void Open([Correlation("lot")] string lot)
    {
    }
}

/// <summary>Ends after ten seconds without messages; one handler may run longer than that.</summary>
[SessionProcess(IdleTimeoutSeconds = 10)]
public partial class LongRunner
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Work")]
    private async Task Work(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    [On("Ping")]
    private string Ping() => "pong";
}

/// <summary>Handlers that look at and change the ambient state of the thread they run on.</summary>
[SessionProcess]
public partial class Ambient
{
    public static readonly AsyncLocal<string?> Value = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Change")]
    private string? Change(string value)
    {
        string? seen = Value.Value;
        Value.Value = value;
        return seen;
    }

    /// <summary>Awaits <paramref name="release"/>, then reports whether it runs under a synchronization context.</summary>
    [On("AwaitThenReport")]
    private async Task<bool> AwaitThenReport(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
        return SynchronizationContext.Current is not null;
    }

    [On("Report")]
    private bool Report() => SynchronizationContext.Current is not null || Thread.CurrentThread.Name == UiThreadName;

    public const string UiThreadName = "ui";
}

/// <summary>A starter that throws, under a policy that keeps sessions after a fault.</summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class FailingStart
{
    [On("Open", StartsSession = true)]
    private void Open(bool fail)
    {
        if (fail)
        {
            throw new InvalidOperationException("the start failed");
        }
    }

    [On("Ping")]
    private string Ping() => "pong";
}

/// <summary>A starter that may wait in the queue for at most a second.</summary>
[SessionProcess(MessageTimeToLiveSeconds = 1)]
public partial class ExpiringStarter
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }
}
