namespace SessionGen.Runtime.Tests.Processes;

/// <summary>One-way handlers that outlive the host's shutdown deadline, each in the way the test controls.</summary>
[SessionProcess]
public partial class Outliving
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Holds the turn until released, then gives up on the host's stopping token if it was cancelled.</summary>
    [On("Linger")]
    private async Task Linger(TaskCompletionSource started, Task release, CancellationToken cancellationToken)
    {
        started.TrySetResult();
        await release;
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Runs <paramref name="action"/> synchronously, on the turn, while the turn holds the rest of its batch.</summary>
    [On("Run")]
    private void Run(Action action) => action();

    [On("Note")]
    private void Note(string label)
    {
    }
}
