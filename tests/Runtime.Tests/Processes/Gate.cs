namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Handlers that wait on tasks the test controls, to hold a session's turn open.</summary>
[SessionProcess]
public partial class Gate
{
    private readonly List<string> log = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task<string> Hold(string label, TaskCompletionSource started, Task release)
    {
        log.Add("start:" + label);
        started.TrySetResult();
        await release;
        log.Add("end:" + label);
        return label;
    }

    [On("Note")]
    private void Note(string label) => log.Add(label);

    [On("Wait")]
    private async Task Wait(TaskCompletionSource started, CancellationToken cancellationToken)
    {
        log.Add("waiting");
        started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }

    [On("Log")]
    private string[] Log() => log.ToArray();
}
