namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Handlers may run five seconds at most; this session ends when one overruns.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 5)]
public partial class Slow
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Stall")]
    private async Task Stall(TaskCompletionSource started, TaskCompletionSource sawCancellation, CancellationToken cancellationToken)
    {
        started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            sawCancellation.TrySetResult();
            throw;
        }
    }

    [On("Quick")]
    private string Quick() => "quick";

    /// <summary>A synchronous handler that holds its thread until released (or twice the tests' hang guard passes).</summary>
    [On("Block")]
    private bool Block(ManualResetEventSlim started, ManualResetEventSlim release)
    {
        started.Set();
        return release.Wait(TestHosts.Guard * 2);
    }
}

/// <summary>The same limit, but the session carries on after an overrun once the handler has finished.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 5, FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class SlowButKept
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Stall")]
    private async Task Stall(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    [On("Quick")]
    private string Quick() => "quick";
}
