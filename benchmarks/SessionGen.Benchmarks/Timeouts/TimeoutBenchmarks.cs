using BenchmarkDotNet.Attributes;

namespace SessionGen.Benchmarks.Timeouts;

/// <summary>
/// (e) Timeouts: inside one session or actor, schedule 100,000 timeouts due in 10 s (all pending at once), then
/// cancel all 100,000; one operation is one schedule + cancel, so Allocated is bytes per pending timeout.
/// Retained/pending @1M is measured apart from the timed runs; see <see cref="TimeoutsProbe"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TimeoutsConfig))]
public class TimeoutBenchmarks
{
    private const int Count = TimeoutWorkload.Timed;
    private TimeoutDriver? driver;

    /// <summary>The floor's timers.</summary>
    [GlobalSetup(Target = nameof(Timer))]
    public void SetupTimer() => Setup(nameof(Timer));

    /// <summary>One session, scheduling with <c>After</c>.</summary>
    [GlobalSetup(Target = nameof(SessionGenAfter))]
    public void SetupSessionGenAfter() => Setup(nameof(SessionGenAfter));

    /// <summary>One session, scheduling with <c>ScheduleFired</c>.</summary>
    [GlobalSetup(Target = nameof(SessionGenScheduleNamed))]
    public void SetupSessionGenScheduleNamed() => Setup(nameof(SessionGenScheduleNamed));

    /// <summary>One Akka.NET actor.</summary>
    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetupAkka() => Setup(nameof(AkkaNet));

    /// <summary>One Proto.Actor actor.</summary>
    [GlobalSetup(Target = nameof(ProtoActor))]
    public void SetupProto() => Setup(nameof(ProtoActor));

    /// <summary>Stops it.</summary>
    [GlobalCleanup]
    public void Cleanup() => driver?.Dispose();

    /// <summary>The floor: an <c>ITimer</c> per timeout from <c>TimeProvider.System</c>.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Task<int> Timer() => RunAsync();

    /// <summary>SessionGen: <c>After(delay, callback)</c> with one callback made once.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task<int> SessionGenAfter() => RunAsync();

    /// <summary>SessionGen: the generated <c>ScheduleFired(delay)</c>.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task<int> SessionGenScheduleNamed() => RunAsync();

    /// <summary>Akka.NET: <c>ScheduleTellOnceCancelable</c> and <c>ICancelable.Cancel</c>.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task<int> AkkaNet() => RunAsync();

    /// <summary>Proto.Actor: <c>Scheduler.SendOnce</c> and <c>CancellationTokenSource.Cancel</c>.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task<int> ProtoActor() => RunAsync();

    private void Setup(string method) => driver = TimeoutsProbe.Factory(method)!(Count);

    private async Task<int> RunAsync()
    {
        await driver!.ScheduleAsync(Count).ConfigureAwait(false);
        int stopped = await driver.CancelAsync(Count).ConfigureAwait(false);
        return stopped == Count ? stopped : throw new InvalidOperationException($"Cancelled {stopped} of {Count} timeouts.");
    }
}
