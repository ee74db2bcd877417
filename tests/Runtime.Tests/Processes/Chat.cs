namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Events: broadcast, addressed, and faults.</summary>
[SessionProcess("Tests.Chat")]
public partial class Chat
{
    [On("Open", StartsSession = true)]
    private string Open(string topic) => "opened " + topic;

    [On("Say")]
    private void Say(string text) => Emit(text);

    [On("Whisper")]
    private void Whisper(string to, string text) => EmitTo(to, text);

    [On("Fail")]
    private void Fail(string reason) => throw new InvalidOperationException(reason);

    [On("FailLater")]
    private async Task FailLater(string reason)
    {
        await Task.Yield();
        throw new InvalidOperationException(reason);
    }

    [On("Close")]
    private void Close() => EndSession();

    [On("Echo")]
    private string Echo(string text) => text;

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }
}
