namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A mailbox of ten that refuses the eleventh message.</summary>
[SessionProcess(MailboxCapacity = 10)]
public partial class Bounded
{
    private readonly List<int> seen = new();

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
    private void Note(int value) => seen.Add(value);

    [On("Seen")]
    private int[] Seen() => seen.ToArray();
}

/// <summary>A mailbox of four whose senders wait for room, in arrival order.</summary>
[SessionProcess(MailboxCapacity = 4, MailboxFullMode = MailboxFullMode.Wait)]
public partial class BoundedWaiting
{
    private readonly List<int> seen = new();
    private int largestQueue;

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
    private void Note(int value, SessionHost host)
    {
        seen.Add(value);
        largestQueue = Math.Max(largestQueue, host.GetQueueLength(SessionId));
    }

    [On("Seen")]
    private int[] Seen() => seen.ToArray();

    [On("LargestQueue")]
    private int LargestQueue() => largestQueue;
}
