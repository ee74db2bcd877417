using System.Collections.Concurrent;

namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Timeouts whose handlers await, and an idle watch beside them: what a test clock must wait for and count.</summary>
[SessionProcess(IdleTimeoutSeconds = 3600)]
public partial class Settling
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Arm")]
    private void Arm(string label, TimeSpan delay, Task release, ConcurrentQueue<string> log) => ScheduleRing(delay, label, release, log);

    [On("Tell")]
    private void Tell(string participant, string text)
    {
        Emit("to everyone: " + text);
        EmitTo(participant, "to " + participant + ": " + text);
    }

    [OnTimeout("Ring")]
    private async Task Ring(string label, Task release, ConcurrentQueue<string> log)
    {
        await release;
        log.Enqueue("ring:" + label);
        Emit(label);
    }
}
