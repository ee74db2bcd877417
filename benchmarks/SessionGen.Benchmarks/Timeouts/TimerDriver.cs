namespace SessionGen.Benchmarks.Timeouts;

/// <summary>The floor: one <see cref="ITimer"/> from <see cref="TimeProvider.System"/> per timeout, disposed to cancel.</summary>
public sealed class TimerDriver : TimeoutDriver
{
    private static readonly TimerCallback OnFired = static _ => { };
    private readonly ITimer?[] timers;

    /// <summary>Makes room for <paramref name="capacity"/> timers.</summary>
    public TimerDriver(int capacity) => timers = new ITimer?[capacity];

    /// <inheritdoc/>
    public override Task ScheduleAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            timers[i] = TimeProvider.System.CreateTimer(OnFired, null, TimeoutWorkload.Delay, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override Task<int> CancelAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            timers[i]!.Dispose();
            timers[i] = null;
        }

        return Task.FromResult(count);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
    }
}
