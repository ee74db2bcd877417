namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// Schedules and cancels pending timeouts with one library, inside one session or actor (the floor: on the calling
/// thread). The timed benchmark and the retained-memory probe both use it.
/// </summary>
public abstract class TimeoutDriver : IDisposable
{
    /// <summary>Schedules <paramref name="count"/> timeouts due in <see cref="TimeoutWorkload.Delay"/>; completes once all are pending.</summary>
    public abstract Task ScheduleAsync(int count);

    /// <summary>Cancels them; completes with how many it stopped.</summary>
    public abstract Task<int> CancelAsync(int count);

    /// <inheritdoc/>
    public abstract void Dispose();
}
