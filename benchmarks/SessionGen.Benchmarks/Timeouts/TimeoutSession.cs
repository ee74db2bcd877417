namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// The SessionGen process of the timeout benchmark: its handlers schedule and cancel timeouts on its own turn,
/// with <c>After</c> and one callback made once, or with the generated <c>ScheduleFired</c>.
/// </summary>
[SessionProcess]
public partial class TimeoutSession
{
    private TimeoutHandle[] handles = [];
    private Action callback = null!;
    private int fired;

    /// <summary>The starter: room for <paramref name="capacity"/> handles.</summary>
    [On("Open", StartsSession = true)]
    public void Open(int capacity)
    {
        handles = new TimeoutHandle[capacity];
        callback = OnFired;
    }

    /// <summary>Schedules <paramref name="count"/> timeouts with <c>After</c>.</summary>
    [On("ScheduleAfter")]
    public void ScheduleAfter(int count)
    {
        for (int i = 0; i < count; i++)
        {
            handles[i] = After(TimeoutWorkload.Delay, callback);
        }
    }

    /// <summary>Schedules <paramref name="count"/> timeouts with the generated <c>ScheduleFired</c>.</summary>
    [On("ScheduleNamed")]
    public void ScheduleNamed(int count)
    {
        for (int i = 0; i < count; i++)
        {
            handles[i] = ScheduleFired(TimeoutWorkload.Delay);
        }
    }

    /// <summary>Cancels the first <paramref name="count"/> timeouts; returns how many it stopped.</summary>
    [On("CancelMany")]
    public int CancelMany(int count)
    {
        int stopped = 0;
        for (int i = 0; i < count; i++)
        {
            if (handles[i].Cancel())
            {
                stopped++;
            }

            handles[i] = default;
        }

        return stopped;
    }

    /// <summary>The named timeout.</summary>
    [OnTimeout("Fired")]
    public void Fired() => fired++;

    private void OnFired() => fired++;
}
