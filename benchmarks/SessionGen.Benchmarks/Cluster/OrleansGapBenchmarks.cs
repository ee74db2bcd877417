using BenchmarkDotNet.Attributes;
using SessionGen.Infrastructure;

namespace SessionGen.Benchmarks.Cluster;

/// <summary>
/// Where the time of a same-silo SessionGen call goes (docs/performance.md, "Orleans"): between the plain grain call and
/// the session grain, grains with the session grain's <c>Send</c> signature that do a growing part of its work
/// (<see cref="WireShapeGrain"/>), all called 1,000 times in a row by a driver grain on their silo; and, without
/// Orleans, the four JSON steps of one call and one local <see cref="SessionHost"/> send.
/// </summary>
[Config(typeof(OrleansConfig))]
[MemoryDiagnoser]
public class OrleansGapBenchmarks
{
    private const int Calls = 1_000;
    private const string SameSilo = "SameSilo";
    private const string NoOrleans = "NoOrleans";

    private ThreeSilos cluster = null!;
    private IDriverGrain plainDriver = null!;
    private IDriverGrain sessionDriver = null!;
    private string sessionTarget = "";
    private SessionHost localHost = null!;
    private Counter.Client localSession = null!;

    /// <summary>Starts the cluster, places targets and drivers, warms every path up.</summary>
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Stops the cluster and the local host.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        localHost.DisposeAsync().AsTask().GetAwaiter().GetResult();
        cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Driver → plain grain, same silo.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> Plain() => plainDriver.AddToPlain("target", Calls);

    /// <summary>Driver → the session grain's signature, a fixed message and reply.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> WireShape() => sessionDriver.AddToWireShape("bare/1", Calls);

    /// <summary>As <see cref="WireShape"/>, through the session grain's present signature (<c>SendFour</c>: four arguments, a ValueTask).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> WireShapeFour() => sessionDriver.AddToWireShape("4/1", Calls);

    /// <summary>As <see cref="WireShapeFour"/>, the four arguments in one immutable request object (<c>SendOne</c>).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> WireShapeOne() => sessionDriver.AddToWireShape("1/1", Calls);

    /// <summary>As <see cref="WireShape"/>, with the message and the result through Counter's JSON (both ends).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> WireShapeJson() => sessionDriver.AddToWireShape("json/1", Calls);

    /// <summary>As <see cref="WireShapeJson"/>, the message handled by a session of a <see cref="SessionHost"/> in the grain, called from the activation's scheduler (the turn hops to the thread pool and back).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> WireShapeJsonHost() => sessionDriver.AddToWireShape("host/1", Calls);

    /// <summary>As <see cref="WireShapeJsonHost"/>, the host called with the default scheduler current (the turn runs on the grain's thread).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> WireShapeJsonHostInline() => sessionDriver.AddToWireShape("inline/1", Calls);

    /// <summary>Driver → session grain through <c>ClusterSessionHost</c> (the row of <see cref="OrleansBenchmarks"/>).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(SameSilo)]
    public Task<int> SessionGen() => sessionDriver.AddToSession(sessionTarget, Calls);

    /// <summary>The JSON of one call: encode the message, decode it, encode the result, decode it.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(NoOrleans)]
    public int JsonOnly()
    {
        SessionOperation add = WireShapeGrain.AddOperation;
        int total = 0;
        for (int i = 0; i < Calls; i++)
        {
            byte[] message = add.SerializeMessage(new Counter.Messages.Add("item", 1), ClusterWire.Options);
            object decoded = add.DeserializeMessage(message, ClusterWire.Options);
            byte[] result = add.SerializeResult(((Counter.Messages.Add)decoded).Amount + i, ClusterWire.Options);
            total = (int)add.DeserializeResult(result, ClusterWire.Options)!;
        }

        return total;
    }

    /// <summary>One send to a local session from a thread-pool thread (runs inline: no hop).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    [BenchmarkCategory(NoOrleans)]
    public async Task<int> LocalHostOnly()
    {
        int total = 0;
        for (int i = 0; i < Calls; i++)
        {
            total = await localSession.AddAsync("item", 1).ConfigureAwait(false);
        }

        return total;
    }

    private async Task SetupAsync()
    {
        cluster = await ThreeSilos.StartAsync().ConfigureAwait(false);
        SiloAddress plainSilo = await cluster.SiloOfPlainAsync("target").ConfigureAwait(false);
        plainDriver = cluster.Client.GetGrain<IDriverGrain>(await cluster.DriverAsync(plainSilo, same: true, "plain").ConfigureAwait(false));
        sessionTarget = (await Counter.StartAsync(cluster.Sessions).ConfigureAwait(false)).Id.Value;
        SiloAddress sessionSilo = await cluster.SiloOfSessionAsync(new SessionId(sessionTarget)).ConfigureAwait(false);
        sessionDriver = cluster.Client.GetGrain<IDriverGrain>(await cluster.DriverAsync(sessionSilo, same: true, "session").ConfigureAwait(false));
        localHost = new SessionHost(new SessionHostOptions { SerializerOptions = ClusterWire.Options });
        localSession = await Counter.StartAsync(localHost).ConfigureAwait(false);

        await Plain().ConfigureAwait(false);
        await WireShape().ConfigureAwait(false);
        await WireShapeFour().ConfigureAwait(false);
        await WireShapeOne().ConfigureAwait(false);
        await WireShapeJson().ConfigureAwait(false);
        await WireShapeJsonHost().ConfigureAwait(false);
        await WireShapeJsonHostInline().ConfigureAwait(false);
        await SessionGen().ConfigureAwait(false);
        JsonOnly();
        await LocalHostOnly().ConfigureAwait(false);

        // The shape grains were activated by the driver (PreferLocalPlacement): check they share its silo.
        SiloAddress driverSilo = await sessionDriver.Silo().ConfigureAwait(false);
        foreach (string key in new[] { "bare/1", "4/1", "1/1", "json/1", "host/1", "inline/1" })
        {
            SiloAddress silo = await cluster.SiloOf(cluster.Client.GetGrain<IWireShapeGrain>(key)).ConfigureAwait(false);
            if (!silo.Equals(driverSilo))
            {
                throw new InvalidOperationException($"{key} runs on {silo}, not on the driver's {driverSilo}.");
            }
        }
    }
}
