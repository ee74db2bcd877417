using SessionGen;

namespace KitTestsApp;

public sealed record Reminder(string Who, string What, TimeSpan At);

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
    private void Remind(string who, string what, TimeSpan after) => ScheduleRing(after, who, what);

    [OnTimeout("Ring")]
    private async Task Ring(string who, string what)
    {
        await Task.Yield();
        EmitTo(who, new Reminder(who, what, time.GetUtcNow() - opened));
    }
}
