namespace SessionGen.Runtime.Tests.Processes;

/// <summary>A target of one-way messages: records what it was sent, can fail, and can hold its turn.</summary>
[SessionProcess]
public partial class Tally
{
    private readonly List<int> seen = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Add")]
    private int Add(int value)
    {
        seen.Add(value);
        return seen.Count;
    }

    [On("AddLater")]
    private async Task AddLater(int value)
    {
        await Task.Yield();
        seen.Add(value);
    }

    [On("Fail")]
    private void Fail(string reason) => throw new InvalidOperationException(reason);

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.SetResult();
        await release;
    }

    [On("Seen")]
    private int[] Seen() => seen.ToArray();
}

/// <summary>A bounded target of one-way messages.</summary>
[SessionProcess(MailboxCapacity = 3, MailboxFullMode = MailboxFullMode.Wait)]
public partial class SmallTally
{
    private int count;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Add")]
    private void Add() => count++;

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.SetResult();
        await release;
    }

    [On("Count")]
    private int Count() => count;
}

public enum WicketState
{
    Locked,
    Unlocked,
}

/// <summary>A protocol: a push is accepted only once a coin has unlocked the wicket.</summary>
[SessionProcess(States = typeof(WicketState))]
public partial class Wicket
{
    private readonly List<string> log = new();

    [On("Install", StartsSession = true)]
    private void Install()
    {
    }

    [On("Coin")]
    [AcceptedIn(WicketState.Locked)]
    [MovesTo(WicketState.Unlocked)]
    private void Coin()
    {
        log.Add("coin");
        MoveTo(WicketState.Unlocked);
    }

    [On("Push")]
    [AcceptedIn(WicketState.Unlocked)]
    [MovesTo(WicketState.Locked)]
    private void Push()
    {
        log.Add("push");
        MoveTo(WicketState.Locked);
    }

    [On("Log")]
    private string[] Log() => log.ToArray();
}
