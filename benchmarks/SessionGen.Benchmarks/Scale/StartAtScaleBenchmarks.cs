using BenchmarkDotNet.Attributes;
using SessionGen.Benchmarks.Sessions;

namespace SessionGen.Benchmarks.Scale;

/// <summary>
/// (l) Scale, starting: the time to start <see cref="Sessions"/> idle sessions (1,000 or 1,000,000) in one fresh host,
/// from one thread, every generated <c>StartAsync</c> awaited (<see cref="SessionGenStarter"/>, as in d). Mean is the
/// time for all of them; Per session divides it; Retained/session @1M is measured apart from the timed runs with
/// 1,000,000 sessions (<see cref="StartAtScaleProbe"/>). The floor registers the user's state under a new random id
/// in a concurrent dictionary (<see cref="DictionaryStarter"/>).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StartAtScaleConfig))]
public class StartAtScaleBenchmarks
{
    private SessionStarter? starter;

    /// <summary>Sessions started per invocation.</summary>
    [Params(1_000, 1_000_000)]
    public int Sessions { get; set; }

    /// <summary>A fresh dictionary.</summary>
    [IterationSetup(Target = nameof(Dictionary))]
    public void SetupDictionary() => starter = new DictionaryStarter();

    /// <summary>A fresh host.</summary>
    [IterationSetup(Target = nameof(SessionGen))]
    public void SetupSessionGen() => starter = new SessionGenStarter(Sessions);

    /// <summary>Stops what the iteration started (outside the timing).</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        starter?.Dispose();
        starter = null;
    }

    /// <summary>The floor.</summary>
    [Benchmark(Baseline = true)]
    public Task Dictionary() => starter!.StartAsync(Sessions);

    /// <summary>SessionGen: the generated <c>StartAsync</c>, every one awaited.</summary>
    [Benchmark]
    public Task SessionGen() => starter!.StartAsync(Sessions);
}
