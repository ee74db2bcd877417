namespace SessionGen.Runtime.Tests.Processes;

/// <summary>
/// Timeouts scheduled and cancelled inside one handler, around work the test makes the handler do (moving the fake
/// clock: a long handler; cancelling from another thread), for the handover of a handler's timeouts to the wheel.
/// </summary>
[SessionProcess]
public partial class Stager
{
    private readonly List<string> log = new();
    private int fired;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("WorkThenArm")]
    private TimeoutHandle WorkThenArm(string label, TimeSpan delay, Action work)
    {
        work();
        return ScheduleRing(delay, label);
    }

    [On("ArmThenWork")]
    private TimeoutHandle ArmThenWork(string label, TimeSpan delay, Action<TimeoutHandle> work)
    {
        TimeoutHandle handle = ScheduleRing(delay, label);
        work(handle);
        return handle;
    }

    [On("ArmAndCancel")]
    private bool[] ArmAndCancel(string label, TimeSpan delay)
    {
        TimeoutHandle handle = ScheduleRing(delay, label);
        return [handle.Cancel(), handle.Cancel()];
    }

    [On("ArmThenEnd")]
    private TimeoutHandle ArmThenEnd(string label, TimeSpan delay)
    {
        EndSession();
        return ScheduleRing(delay, label);
    }

    [On("ArmAcrossAwait")]
    private async Task ArmAcrossAwait(TimeSpan delay, Task release)
    {
        ScheduleRing(delay, "before-await");
        await release;
        ScheduleRing(delay, "after-await");
    }

    [On("ArmMany")]
    private TimeoutHandle[] ArmMany(int count, TimeSpan delay)
    {
        var handles = new TimeoutHandle[count];
        Action callback = () => fired++;
        for (int i = 0; i < count; i++)
        {
            handles[i] = i % 2 == 0 ? After(delay, callback) : ScheduleRing(delay, "many");
        }

        return handles;
    }

    [On("ArmThenThrow")]
    private void ArmThenThrow(string label, TimeSpan delay)
    {
        ScheduleRing(delay, label);
        throw new InvalidOperationException("after scheduling");
    }

    [On("ArmEndThenArm")]
    private void ArmEndThenArm(string label, TimeSpan delay)
    {
        ScheduleRing(delay, label);
        EndSession();
        ScheduleRing(delay, label + "-after-end");
    }

    [On("ArmAroundInline")]
    private bool ArmAroundInline(Func<ValueTask<TimeoutHandle>> other, TimeSpan delay)
    {
        ScheduleRing(delay, "outer-before");
        ValueTask<TimeoutHandle> inner = other();
        ScheduleRing(delay, "outer-after");
        return inner.IsCompletedSuccessfully;
    }

    [On("ArmEcho")]
    private void ArmEcho(int times, TimeSpan delay) => ScheduleEcho(delay, times, delay);

    [OnTimeout("Echo")]
    private void Echo(int remaining, TimeSpan delay)
    {
        log.Add("echo:" + remaining);
        if (remaining > 1)
        {
            ScheduleEcho(delay, remaining - 1, delay);
        }
    }

    [On("ArmManyThen")]
    private void ArmManyThen(int count, TimeSpan delay, Action<TimeoutHandle[]> work)
    {
        var handles = new TimeoutHandle[count];
        for (int i = 0; i < count; i++)
        {
            handles[i] = ScheduleRing(delay, "many");
        }

        work(handles);
    }

    [On("CancelAll")]
    private int CancelAll(TimeoutHandle[] handles)
    {
        int stopped = 0;
        foreach (TimeoutHandle handle in handles)
        {
            stopped += handle.Cancel() ? 1 : 0;
        }

        return stopped;
    }

    [On("Fired")]
    private int Fired() => fired + log.Count;

    [On("Log")]
    private string[] Log() => log.ToArray();

    [OnTimeout("Ring")]
    private void Ring(string label) => log.Add("ring:" + label);
}
