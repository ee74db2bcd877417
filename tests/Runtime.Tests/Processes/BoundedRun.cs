namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A bounded mailbox of four whose one-way handlers let a test act in the middle of a run the turn has taken.</summary>
[SessionProcess(MailboxCapacity = BoundedRun.Capacity, MailboxFullMode = MailboxFullMode.FailFast)]
public partial class BoundedRun
{
    public const int Capacity = 4;

    private int notes;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    /// <summary>Holds the turn (awaiting) until released; a one-way message, so a run the turn took is put back here.</summary>
    [On("Pause")]
    private async Task Pause(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    /// <summary>Runs <paramref name="action"/> synchronously on the turn.</summary>
    [On("Run")]
    private void Run(Action action) => action();

    [On("Note")]
    private void Note() => notes++;

    [On("Notes")]
    private int Notes() => notes;
}
