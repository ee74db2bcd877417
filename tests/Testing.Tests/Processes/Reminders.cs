namespace SessionGen.Testing.Tests.Processes;

/// <summary>A reminder at a fixed time after each <c>Remind</c>, a repeating nudge, and handlers that yield on the way.</summary>
[SessionProcess(IdleTimeoutSeconds = 3600)]
public partial class Reminders
{
    private readonly TimeProvider time;
    private readonly DateTimeOffset opened;

    public Reminders(TimeProvider time)
    {
        this.time = time;
        opened = time.GetUtcNow();
    }

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Remind")]
    private TimeoutHandle Remind(string who, string what, TimeSpan after) => ScheduleRing(after, who, what);

    [On("Nudge")]
    private void Nudge(string who, TimeSpan every, int times) => ScheduleNudgeAgain(every, who, every, times);

    [OnTimeout("Ring")]
    private async Task Ring(string who, string what)
    {
        // Awaits off the turn's thread: the turn goes on on the thread pool, after AdvanceAsync's clock has moved on.
        await Task.Yield();
        await Task.Yield();
        EmitTo(who, new Reminder(who, what, time.GetUtcNow() - opened));
    }

    [OnTimeout("NudgeAgain")]
    private void NudgeAgain(string who, TimeSpan every, int times)
    {
        EmitTo(who, new Nudged(who, time.GetUtcNow() - opened));
        if (times > 1)
        {
            ScheduleNudgeAgain(every, who, every, times - 1);
        }
    }
}

public sealed record Reminder(string Who, string What, TimeSpan At);

public sealed record Nudged(string Who, TimeSpan At);
