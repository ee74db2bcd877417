using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// Retained memory per pending timeout with <see cref="TimeoutWorkload.Retained"/> pending at once: what stays
/// reachable after scheduling them (<see cref="RetainedMemory"/>), handles included; then they are cancelled.
/// A warm-up round first, so JIT and first-use statics are not counted.
/// </summary>
public static class TimeoutsProbe
{
    /// <summary>Bytes per pending timeout, for a benchmark method of <see cref="TimeoutBenchmarks"/>.</summary>
    public static double? Measure(string method)
    {
        Func<int, TimeoutDriver>? create = Factory(method);
        if (create is null)
        {
            return null;
        }

        const int count = TimeoutWorkload.Retained;
        using TimeoutDriver driver = create(count);
        driver.ScheduleAsync(1_000).GetAwaiter().GetResult();
        driver.CancelAsync(1_000).GetAwaiter().GetResult();
        return RetainedMemory.PerItem(
            count,
            n =>
            {
                driver.ScheduleAsync(n).GetAwaiter().GetResult();
                return driver;
            },
            alive => alive.CancelAsync(count).GetAwaiter().GetResult());
    }

    /// <summary>Makes the driver a benchmark method of <see cref="TimeoutBenchmarks"/> uses.</summary>
    public static Func<int, TimeoutDriver>? Factory(string method) => method switch
    {
        nameof(TimeoutBenchmarks.Timer) => static capacity => new TimerDriver(capacity),
        nameof(TimeoutBenchmarks.SessionGenAfter) => static capacity => new SessionGenTimeoutDriver(capacity, named: false),
        nameof(TimeoutBenchmarks.SessionGenScheduleNamed) => static capacity => new SessionGenTimeoutDriver(capacity, named: true),
        nameof(TimeoutBenchmarks.AkkaNet) => static capacity => new AkkaTimeoutDriver(capacity),
        nameof(TimeoutBenchmarks.ProtoActor) => static capacity => new ProtoTimeoutDriver(capacity),
        _ => null,
    };
}
