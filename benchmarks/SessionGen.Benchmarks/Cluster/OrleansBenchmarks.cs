using BenchmarkDotNet.Attributes;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// SessionGen through an Orleans cluster against a plain hand-written grain doing the same work, on three in-process
/// silos (in-memory transport), one cluster per benchmark process (<see cref="Setup"/>). Each category is one row of
/// the target, with the plain grain as its baseline:
/// <list type="bullet">
/// <item><c>Client</c>: the cluster client awaits 1,000 calls in a row (plain <c>Add</c>; the generated <c>AddAsync</c>
/// through <c>ClusterSessionHost</c>; the same for a durable session over the shared <c>InMemorySessionStore</c>).</item>
/// <item><c>SameSilo</c> / <c>OtherSilo</c>: a driver grain awaits 1,000 calls in a row to a target on its own silo /
/// on another silo (one client call to the driver per 1,000).</item>
/// <item><c>Throughput</c>: 1,000 targets × 10 awaited calls each, at most 100 targets in flight at once from the client.</item>
/// </list>
/// Mean is one call; Calls/s is 1 s / Mean.
/// </summary>
[Config(typeof(OrleansConfig))]
[MemoryDiagnoser]
public class OrleansBenchmarks
{
    private const int Calls = 1_000;
    private const int Targets = 1_000;
    private const int CallsPerTarget = 10;
    private const int InFlight = 100;
    private const string Client = "Client";
    private const string SameSilo = "SameSilo";
    private const string OtherSilo = "OtherSilo";
    private const string Throughput = "Throughput";

    private ThreeSilos cluster = null!;
    private ICounterGrain plainCounter = null!;
    private Counter.Client session = null!;
    private StoredCounter.Client storedSession = null!;
    private IDriverGrain plainSameSiloDriver = null!;
    private IDriverGrain plainOtherSiloDriver = null!;
    private IDriverGrain sessionSameSiloDriver = null!;
    private IDriverGrain sessionOtherSiloDriver = null!;
    private string plainTarget = "";
    private string sessionTarget = "";
    private ICounterGrain[] plainTargets = [];
    private Counter.Client[] sessionTargets = [];

    /// <summary>Starts the cluster, places the targets, warms every path up.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Stops the cluster.</summary>
    [GlobalCleanup]
    public void Cleanup() => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Client → plain grain.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory(Client)]
    public async Task<int> PlainFromClient()
    {
        int total = 0;
        for (int i = 0; i < Calls; i++)
        {
            total = await plainCounter.Add(new AddRequest("item", 1)).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>Client → session grain → the silo's SessionHost: the generated <c>AddAsync</c>.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(Client)]
    public async Task<int> SessionGenFromClient()
    {
        int total = 0;
        for (int i = 0; i < Calls; i++)
        {
            total = await session.AddAsync("item", 1).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>As <see cref="SessionGenFromClient"/>, a durable session: each turn written to the in-memory store.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(Client)]
    public async Task<int> SessionGenDurableFromClient()
    {
        int total = 0;
        for (int i = 0; i < Calls; i++)
        {
            total = await storedSession.AddAsync("item", 1).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>Driver grain → plain grain on the same silo.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> PlainSameSilo() => plainSameSiloDriver.AddToPlain(plainTarget, Calls);

    /// <summary>Driver grain → session grain on the same silo, through a <c>ClusterSessionHost</c> over the driver's grain factory.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> SessionGenSameSilo() => sessionSameSiloDriver.AddToSession(sessionTarget, Calls);

    /// <summary>Driver grain → plain grain on another silo.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory(OtherSilo)]
    public Task<int> PlainOtherSilo() => plainOtherSiloDriver.AddToPlain(plainTarget, Calls);

    /// <summary>Driver grain → session grain on another silo.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(OtherSilo)]
    public Task<int> SessionGenOtherSilo() => sessionOtherSiloDriver.AddToSession(sessionTarget, Calls);

    /// <summary>1,000 plain grains × 10 calls, 100 grains in flight.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Targets * CallsPerTarget)]
    [BenchmarkCategory(Throughput)]
    public Task PlainThroughput() => Parallel.ForEachAsync(plainTargets, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, static async (grain, _) =>
    {
        for (int i = 0; i < CallsPerTarget; i++)
        {
            await grain.Add(new AddRequest("item", 1)).ConfigureAwait(false);
        }
    });

    /// <summary>1,000 sessions × 10 calls, 100 sessions in flight.</summary>
    [Benchmark(OperationsPerInvoke = Targets * CallsPerTarget)]
    [BenchmarkCategory(Throughput)]
    public Task SessionGenThroughput() => Parallel.ForEachAsync(sessionTargets, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, static async (target, _) =>
    {
        for (int i = 0; i < CallsPerTarget; i++)
        {
            await target.AddAsync("item", 1).ConfigureAwait(false);
        }
    });

    private async Task SetupAsync()
    {
        cluster = await ThreeSilos.StartAsync().ConfigureAwait(false);
        plainCounter = cluster.Client.GetGrain<ICounterGrain>("client");
        session = await Counter.StartAsync(cluster.Sessions).ConfigureAwait(false);
        storedSession = await StoredCounter.StartAsync(cluster.Sessions).ConfigureAwait(false);

        // The targets stay where Orleans' default placement put them; drivers (random placement) are picked by key: the
        // first that landed on the target's silo, and the first that did not.
        plainTarget = "target";
        SiloAddress plainSilo = await cluster.SiloOfPlainAsync(plainTarget).ConfigureAwait(false);
        sessionTarget = (await Counter.StartAsync(cluster.Sessions).ConfigureAwait(false)).Id.Value;
        SiloAddress sessionSilo = await cluster.SiloOfSessionAsync(new SessionId(sessionTarget)).ConfigureAwait(false);
        plainSameSiloDriver = Driver(await cluster.DriverAsync(plainSilo, same: true, "plain-same").ConfigureAwait(false));
        plainOtherSiloDriver = Driver(await cluster.DriverAsync(plainSilo, same: false, "plain-other").ConfigureAwait(false));
        sessionSameSiloDriver = Driver(await cluster.DriverAsync(sessionSilo, same: true, "session-same").ConfigureAwait(false));
        sessionOtherSiloDriver = Driver(await cluster.DriverAsync(sessionSilo, same: false, "session-other").ConfigureAwait(false));

        plainTargets = [.. Enumerable.Range(0, Targets).Select(i => cluster.Client.GetGrain<ICounterGrain>($"target-{i}"))];
        sessionTargets = new Counter.Client[Targets];
        for (int i = 0; i < Targets; i++)
        {
            sessionTargets[i] = await Counter.StartAsync(cluster.Sessions).ConfigureAwait(false);
        }

        // Activations and JIT before BenchmarkDotNet's own warm-up.
        await PlainFromClient().ConfigureAwait(false);
        await SessionGenFromClient().ConfigureAwait(false);
        await SessionGenDurableFromClient().ConfigureAwait(false);
        await PlainSameSilo().ConfigureAwait(false);
        await SessionGenSameSilo().ConfigureAwait(false);
        await PlainOtherSilo().ConfigureAwait(false);
        await SessionGenOtherSilo().ConfigureAwait(false);
        await PlainThroughput().ConfigureAwait(false);
        await SessionGenThroughput().ConfigureAwait(false);
    }

    private IDriverGrain Driver(string key) => cluster.Client.GetGrain<IDriverGrain>(key);
}
