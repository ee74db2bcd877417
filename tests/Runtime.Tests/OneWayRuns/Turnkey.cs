using System.Collections.Concurrent;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>The states of <see cref="Turnkey"/>: notes wait until it opens, and it ends when finished.</summary>
public enum TurnkeyState
{
    Closed,
    Opened,
    [FinalState]
    Done,
}

/// <summary>A protocol process with synchronous one-way handlers, so a turn takes its run one message at a time.</summary>
[SessionProcess(States = typeof(TurnkeyState))]
public partial class Turnkey
{
    private ConcurrentQueue<string> sink = new();

    [On("Start", StartsSession = true)]
    private void Start(ConcurrentQueue<string> into) => sink = into;

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    [On("Note")]
    [AcceptedIn(TurnkeyState.Opened)]
    private void Note(string value)
    {
        sink.Enqueue($"{value}:{Raid.Ambient.Value ?? "clean"}");
        Raid.Ambient.Value = value;
    }

    [On("Unlock")]
    [AcceptedIn(TurnkeyState.Closed)]
    [MovesTo(TurnkeyState.Opened)]
    private void Unlock()
    {
        sink.Enqueue("unlock");
        Raid.Ambient.Value = "unlock";
        MoveTo(TurnkeyState.Opened);
    }

    [On("Finish")]
    [AcceptedIn(TurnkeyState.Opened)]
    [MovesTo(TurnkeyState.Done)]
    private void Finish()
    {
        sink.Enqueue("finish");
        MoveTo(TurnkeyState.Done);
    }
}
