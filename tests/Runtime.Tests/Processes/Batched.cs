namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// Synchronous one-way handlers that look at what a handler scope gives each of them (the ambient state, the call-chain
/// frame, the timer window), for a run of them taken by one turn and run under one scope (see OneWayRunScope).
/// </summary>
[SessionProcess]
public partial class Batched
{
    public static readonly AsyncLocal<string?> Ambient = new();

    private readonly List<string> log = new();
    private readonly List<int> runs = new();
    private readonly List<int> counted = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.SetResult();
        await release;
    }

    /// <summary>Logs the ambient value it found, then leaves its own behind (a synchronous handler's change stays on its thread).</summary>
    [On("Mark")]
    private void Mark(string value)
    {
        log.Add(Ambient.Value ?? "clean");
        Ambient.Value = value;
    }

    /// <summary>Records the run number of its call-chain frame.</summary>
    [On("Frame")]
    private void Frame() => runs.Add(CallChain.Current!.Run);

    [On("Arm")]
    private void Arm(string label, TimeSpan delay) => ScheduleRing(delay, label);

    /// <summary>Work the test makes a handler do while the others of its run wait (moving the fake clock).</summary>
    [On("Work")]
    private void Work(Action work) => work();

    /// <summary>
    /// Calls <paramref name="other"/> (a send to another session, which runs inline on this thread under a scope of its
    /// own), then logs whether this handler's frame came back as it was, and arms a timeout of its own after it.
    /// </summary>
    [On("Nest")]
    private void Nest(Func<bool> other, TimeSpan delay)
    {
        CallChain before = CallChain.Current!;
        bool inline = other();
        CallChain after = CallChain.Current!;
        log.Add($"inline:{inline} same-frame:{ReferenceEquals(before.Session, after.Session) && before.Run == after.Run}");
        ScheduleRing(delay, "after-nest");
    }

    [On("Log")]
    private string[] Log() => log.ToArray();

    [On("Runs")]
    private int[] Runs() => runs.ToArray();

    /// <summary>Records <paramref name="value"/>, so a test can check the order a run was handled in.</summary>
    [On("Count")]
    private void Count(int value) => counted.Add(value);

    [On("Counted")]
    private int[] Counted() => counted.ToArray();

    [OnTimeout("Ring")]
    private void Ring(string label) => log.Add("ring:" + label);
}
