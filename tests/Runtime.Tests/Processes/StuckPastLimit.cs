namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A request handler that ignores its time limit (and its token) until the test releases it.</summary>
[SessionProcess(HandlerTimeLimitSeconds = 1)]
public partial class StuckPastLimit
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hang")]
    private async Task<int> Hang(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
        return 1;
    }
}
