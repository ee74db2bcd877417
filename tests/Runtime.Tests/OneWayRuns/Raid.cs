using System.Collections.Concurrent;
using System.Diagnostics;

namespace SessionGen.Runtime.Tests.OneWayRuns;

/// <summary>
/// One-way handlers that misbehave inside a run taken by one turn (review of the run's shared scope): they throw, leave
/// ambient values and activities behind, arm and disarm timeouts, call other sessions that call back, end the session.
/// Everything a session does goes to the sink its starter was given, so a test can read it after the session ended.
/// </summary>
[SessionProcess(FaultPolicy = SessionFaultPolicy.KeepSession)]
public partial class Raid
{
    public static readonly AsyncLocal<string?> Ambient = new();

    private readonly Dictionary<string, TimeoutHandle> handles = new();
    private ConcurrentQueue<string> sink = new();

    [On("Open", StartsSession = true)]
    private void Open(ConcurrentQueue<string> into) => sink = into;

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        started.TrySetResult();
        await release;
    }

    /// <summary>Logs the value with the ambient value it found and the thread it ran on, then leaves its own ambient value behind.</summary>
    [On("Note")]
    private void Note(string value)
    {
        sink.Enqueue($"{value}:{Ambient.Value ?? "clean"}:{Activity.Current?.OperationName ?? "none"}");
        Ambient.Value = value;
    }

    /// <summary>Starts an activity it never stops, and leaves an ambient value behind, then throws.</summary>
    [On("Boom")]
    private void Boom(string value)
    {
        _ = new Activity("leaked-" + value).Start();
        Ambient.Value = "boom-" + value;
        sink.Enqueue("boom:" + value);
        throw new InvalidOperationException(value);
    }

    [On("Arm")]
    private void Arm(string label, TimeSpan delay) => handles[label] = ScheduleRing(delay, label);

    [On("Disarm")]
    private void Disarm(string label) => sink.Enqueue($"disarm:{label}:{handles[label].Cancel()}");

    [On("Work")]
    private void Work(Action work) => work();

    /// <summary>Sends (synchronously, so it cannot await) through <paramref name="call"/>, and logs what came back.</summary>
    [On("Call")]
    private void Call(Func<string> call) => sink.Enqueue("call:" + call());

    /// <summary>Calls <paramref name="back"/> while a handler of the caller is still running (a cycle), then posts to it one way.</summary>
    [On("CallBack")]
    private async Task<string> CallBack(Func<Task<string[]>> callBack, SessionId back, Action postBack)
    {
        string outcome;
        try
        {
            string[] seen = await callBack();
            outcome = "answered:" + seen.Length;
        }
        catch (CallCycleException cycle)
        {
            outcome = "cycle:" + string.Join(">", cycle.CallChain.Select(id => id == back ? "A" : "B"));
        }

        postBack();
        return outcome;
    }

    [On("Seq")]
    private void Seq(int producer, int index) => sink.Enqueue($"seq:{producer}:{index}");

    [On("Seqs")]
    private string[] Seqs() => sink.ToArray();

    [On("Stop")]
    private void Stop()
    {
        sink.Enqueue("stop");
        EndSession();
    }

    [OnTimeout("Ring")]
    private void Ring(string label) => sink.Enqueue("ring:" + label);

    /// <summary>The fault handler runs on the run's turn too: it leaves an ambient value behind and arms a timeout.</summary>
    [OnFault]
    private void Faulted(SessionFaultedException fault)
    {
        Ambient.Value = "fault";
        sink.Enqueue("fault:" + fault.InnerException!.Message);
        ScheduleRing(TimeSpan.FromSeconds(3), "after-fault");
    }
}
