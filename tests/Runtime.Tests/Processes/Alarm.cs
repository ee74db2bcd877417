namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Timeouts: named ones (<c>Schedule{Name}</c>) and anonymous ones (<c>After</c>).</summary>
[SessionProcess]
public partial class Alarm
{
    private readonly List<string> log = new();
    private readonly Dictionary<string, TimeoutHandle> handles = new();

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Arm")]
    private TimeoutHandle Arm(string label, TimeSpan delay) => handles[label] = ScheduleRing(delay, label);

    [On("ArmAfter")]
    private TimeoutHandle ArmAfter(string label, TimeSpan delay) => handles[label] = After(delay, () => Ring(label));

    [On("Disarm")]
    private bool Disarm(string label) => handles[label].Cancel();

    [On("Hold")]
    private async Task Hold(TaskCompletionSource started, Task release)
    {
        log.Add("hold");
        started.TrySetResult();
        await release;
        log.Add("released");
    }

    [On("Stop")]
    private void Stop() => EndSession();

    [On("Log")]
    private string[] Log() => log.ToArray();

    [OnTimeout("Ring")]
    private void Ring(string label)
    {
        log.Add("ring:" + label);
        Emit(label);
    }
}
