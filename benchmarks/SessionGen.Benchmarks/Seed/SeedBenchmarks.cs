using BenchmarkDotNet.Attributes;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Seed;

/// <summary>
/// The seed document's workload (issue 16): 10,000 SessionManager sessions, each with 3 subscribed participants;
/// 4 client tasks make every participant leave and join again, twice per invocation (120,000 awaited messages),
/// each join emitting to the 3 subscribers and scheduling a 500 ms welcome to the newcomer. An invocation ends when
/// every event, the last welcome included, has been delivered (<see cref="SeedWorkload"/>). One operation is one
/// awaited message: Mean includes the final 500 ms wait for the last welcomes, so compare the Msg/s column (the
/// message phase alone) and Events/s; Allocated is everything allocated per message (events, timers, requests).
/// Setup runs one invocation and checks that exactly the expected events were delivered and welcomes fired, and
/// every later invocation checks the one before it.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(SeedConfig))]
public class SeedBenchmarks
{
    private SeedRig rig = null!;

    /// <summary>Starts SessionGen's sessions and subscribers and checks one invocation.</summary>
    [GlobalSetup(Target = nameof(SessionGen))]
    public void SetupSessionGen() => Prepare(new SessionGenSeedRig());

    /// <summary>Starts Akka.NET's actors and checks one invocation.</summary>
    [GlobalSetup(Target = nameof(AkkaNet))]
    public void SetupAkka() => Prepare(new AkkaSeedRig());

    /// <summary>Stops whatever setup started.</summary>
    [GlobalCleanup]
    public void Cleanup() => rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Writes this iteration's CPU time, message phase, deliveries and latency percentiles for the columns.</summary>
    [IterationCleanup]
    public void Report()
    {
        (double p50, double p99) = rig.Latencies.Percentiles();
        CpuMeter.Report(rig.MessagePhaseNanoseconds, SeedWorkload.Deliveries, p50, p99);
    }

    /// <summary>Akka.NET: an actor per session, a subscriber actor per participant, <c>Ask</c> for Join and Leave.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SeedWorkload.Messages)]
    public Task AkkaNet() => RunAsync();

    /// <summary>SessionGen: the generated client's <c>JoinAsync</c> / <c>LeaveAsync</c>, subscribers read with <c>await foreach</c>.</summary>
    [Benchmark(OperationsPerInvoke = SeedWorkload.Messages)]
    public Task SessionGen() => RunAsync();

    private void Prepare(SeedRig made)
    {
        rig = made;
        rig.RunAsync().GetAwaiter().GetResult();
        rig.Tally.Check();
        Console.WriteLine($"// Seed check: {rig.Tally.Delivered:N0} events delivered, {rig.Tally.WelcomesFired:N0} welcomes fired, as expected.");
    }

    private async Task RunAsync()
    {
        CpuMeter.Start();
        await rig.RunAsync().ConfigureAwait(false);
        CpuMeter.Stop(SeedWorkload.Messages);
    }
}
