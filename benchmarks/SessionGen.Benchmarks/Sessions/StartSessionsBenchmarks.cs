using BenchmarkDotNet.Attributes;

namespace SessionGen.Benchmarks.Sessions;

/// <summary>
/// (d) Starting sessions: 100,000 new sessions or actors, from one thread, until every one has run its start
/// (SessionGen: every <c>StartAsync</c> awaited; the peers: every actor's start signalled a countdown). One operation
/// is one session. Each invocation gets a fresh host or actor system (made and torn down outside the timing).
/// Retained/session is measured apart from the timed runs; see <see cref="StartSessionsProbe"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StartSessionsConfig))]
[InvocationCount(1)]
public class StartSessionsBenchmarks
{
    private const int Count = StartSessionsProbe.Count;
    private SessionStarter? starter;

    /// <summary>A fresh starter for the method about to run.</summary>
    [IterationSetup(Target = nameof(Dictionary))]
    public void SetupDictionary() => starter = new DictionaryStarter();

    /// <summary>A fresh host.</summary>
    [IterationSetup(Target = nameof(SessionGen))]
    public void SetupSessionGen() => starter = new SessionGenStarter(Count);

    /// <summary>A fresh Akka.NET system.</summary>
    [IterationSetup(Target = nameof(AkkaNet))]
    public void SetupAkka() => starter = new AkkaStarter();

    /// <summary>A fresh Proto.Actor system.</summary>
    [IterationSetup(Target = nameof(ProtoActor))]
    public void SetupProto() => starter = new ProtoStarter();

    /// <summary>Stops what the iteration started.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        starter?.Dispose();
        starter = null;
    }

    /// <summary>The floor: the user's state under a new random id in a concurrent dictionary.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public Task Dictionary() => starter!.StartAsync(Count);

    /// <summary>SessionGen: the generated <c>StartAsync</c>.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task SessionGen() => starter!.StartAsync(Count);

    /// <summary>Akka.NET: <c>ActorOf</c>.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task AkkaNet() => starter!.StartAsync(Count);

    /// <summary>Proto.Actor: <c>Root.Spawn</c>.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Task ProtoActor() => starter!.StartAsync(Count);
}
