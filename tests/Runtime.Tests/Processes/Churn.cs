namespace SessionGen.Runtime.Tests.Processes;

/// <summary>Schedules bursts of named timeouts, so several sessions and the clock use the host's wheel at once.</summary>
[SessionProcess]
public partial class Churn
{
    private int fired;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Burst")]
    private TimeoutHandle[] Burst(int count)
    {
        var handles = new TimeoutHandle[count];
        for (int i = 0; i < count; i++)
        {
            handles[i] = ScheduleTick(TimeSpan.FromMilliseconds(1 + (i % 7)), i);
            if (i % 3 == 0)
            {
                handles[i].Cancel();
                handles[i] = default;
            }
        }

        return handles;
    }

    [On("Fired")]
    private int Fired() => fired;

    [OnTimeout("Tick")]
    private void Tick(int index) => fired++;
}
