namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Ends on a fault (the default), after its fault handler has had its last word.</summary>
[SessionProcess]
public partial class Fragile
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Fail")]
    private void Fail(string reason) => throw new InvalidOperationException(reason);

    [On("Echo")]
    private string Echo(string text) => text;

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    [OnFault]
    private async Task LastWords()
    {
        await Task.Yield();
        Emit("last words");
    }
}
