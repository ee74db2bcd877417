using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Scale;

/// <summary>
/// (k) Scale, reaching a session: one host holds <see cref="Sessions"/> idle sessions (1,000 or 1,000,000); one
/// operation is one awaited message to a random one of them, found by its <see cref="SessionId"/> through the host's
/// map (<c>SessionHost.SendAsync(id, message)</c>, one preallocated message record: no client keeps the session
/// resolved). The same time for both sizes shows the map is O(1); Allocated shows it costs nothing per message. The
/// floor does the same lookup of a random <see cref="Guid"/> in a <see cref="ConcurrentDictionary{TKey, TValue}"/> of
/// the same size and touches the value: what the memory traffic of a random entry among a million costs by itself.
/// </summary>
[MemoryDiagnoser]
public class ReachRandomSessionBenchmarks
{
    private const int Sends = 1_000;
    private SessionHost? host;
    private SessionId[] sessionTargets = [];
    private readonly ScaleSession.Messages.Touch touch = new(1);
    private readonly ConcurrentDictionary<Guid, UserFields> dictionary = new();
    private Guid[] dictionaryTargets = [];
    private int next;

    /// <summary>Idle sessions (or dictionary entries) in the host.</summary>
    [Params(1_000, 1_000_000)]
    public int Sessions { get; set; }

    /// <summary>Fills the dictionary.</summary>
    [GlobalSetup(Target = nameof(Dictionary))]
    public void SetupDictionary()
    {
        var keys = new Guid[Sessions];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Guid.NewGuid();
            dictionary[keys[i]] = new UserFields();
        }

        dictionaryTargets = RandomTargets.Draw(keys);
    }

    /// <summary>Starts the sessions and checks that a message reaches one.</summary>
    [GlobalSetup(Target = nameof(SessionGen))]
    public void SetupSessionGen()
    {
        host = new SessionHost();
        var ids = new SessionId[Sessions];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = ScaleSession.StartAsync(host).AsTask().GetAwaiter().GetResult().Id;
        }

        sessionTargets = RandomTargets.Draw(ids);
        SessionGen().GetAwaiter().GetResult();
        if (host.SessionCount != Sessions)
        {
            throw new InvalidOperationException($"{host.SessionCount} sessions in the host, {Sessions} expected.");
        }
    }

    /// <summary>Stops the host.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        host?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        dictionary.Clear();
    }

    /// <summary>The floor: a random entry of a concurrent dictionary of the same size, touched.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sends)]
    public int Dictionary()
    {
        int sum = 0;
        for (int i = 0; i < Sends; i++)
        {
            sum += ++dictionary[dictionaryTargets[next++ & RandomTargets.Mask]].Count;
        }

        return sum;
    }

    /// <summary>SessionGen: an awaited message to a random session, by id, through the host.</summary>
    [Benchmark(OperationsPerInvoke = Sends)]
    public async Task SessionGen()
    {
        SessionHost target = host!;
        for (int i = 0; i < Sends; i++)
        {
            ValueTask<object?> sent = target.SendAsync(sessionTargets[next++ & RandomTargets.Mask], touch);
            if (!sent.IsCompletedSuccessfully)
            {
                await sent.ConfigureAwait(false);
            }
        }
    }
}
