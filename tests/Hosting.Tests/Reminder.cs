namespace SessionGen.Hosting.Tests;

/// <summary>A durable process with a timeout, for the application that recovers on start.</summary>
[SessionProcess("Hosting.Reminder", Durable = true)]
public partial class Reminder
{
    private int rang;

    [On("Set", StartsSession = true)]
    private void Set(int seconds) => ScheduleRing(TimeSpan.FromSeconds(seconds));

    [OnTimeout("Ring")]
    private void Ring() => rang++;

    [On("Rang")]
    private int Rang() => rang;
}
