namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Messages that wait more than ten seconds in the queue expire unhandled.</summary>
[SessionProcess(MessageTimeToLiveSeconds = 10)]
public partial class Perishable
{
    private readonly List<string> handled = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    [On("Note")]
    private void Note(string text) => handled.Add(text);

    [On("Handled")]
    private string[] Handled() => handled.ToArray();
}
