using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Durability;

/// <summary>
/// (f) Durable writes: 1,000 sessions each keep one write in flight (its completion issues the session's next
/// version at once) against a new SQLite file in WAL mode with synchronous=FULL. One operation is one acknowledged
/// write, so Mean is the time per write and Writes/s its inverse. (a) <see cref="RawGroupCommit"/>: one writer thread
/// upserting every pending write in one transaction, by hand; (b) <see cref="RawCommitPerWrite"/>: the same writer with
/// one transaction per write; (c) <see cref="SqliteSessionStore"/>: SessionGen.Sqlite with its defaults (version
/// checks, key table). Each iteration gets a fresh database file (made and deleted outside the timing).
/// Durable sessions, one acknowledged message per operation (issue 13): (d) <see cref="SessionGenDurable"/>: 1,000
/// sessions of the durable <see cref="DurableCounter"/> over <see cref="global::SessionGen.SqliteSessionStore"/>, each with one
/// awaited <c>IncrementAsync</c> in flight; (e) <see cref="AkkaPersistenceSql"/>: 1,000
/// <see cref="AkkaPersistentCounter"/>s on Akka.Persistence.Sql's SQLite journal, each with one command in flight.
/// </summary>
[Config(typeof(DurableWritesConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 5, invocationCount: 1)]
[MedianColumn]
[MemoryDiagnoser]
public class DurableWriteBenchmarks
{
    /// <summary>Sessions with a write in flight.</summary>
    public const int Sessions = 1_000;

    /// <summary>Versions per session where commits are batched: 50,000 writes per iteration.</summary>
    public const int BatchedVersions = 50;

    /// <summary>Versions per session with one commit per write (about 100 times slower): 3,000 writes per iteration.</summary>
    public const int UnbatchedVersions = 3;

    /// <summary>Messages per Akka.Persistence counter (its journal is ~20-50 times slower): 5,000 per iteration.</summary>
    public const int AkkaMessages = 5;

    private readonly Countdown countdown = new();
    private SessionHost? host;
    private SqliteSessionStore? store;
    private DurableCounter.Client[] clients = [];
    private ActorSystem? akka;
    private IActorRef[] counters = [];

    private static readonly byte[] Data = CreateData();
    private IDurableWriter? writer;
    private string path = "";
    private SessionId[] ids = [];

    /// <summary>A new file and a raw writer that batches.</summary>
    [IterationSetup(Target = nameof(RawGroupCommit))]
    public void SetupRawGroupCommit() => writer = new RawSqliteWriter(NewFile(), batched: true);

    /// <summary>A new file and a raw writer that commits each write alone.</summary>
    [IterationSetup(Target = nameof(RawCommitPerWrite))]
    public void SetupRawCommitPerWrite() => writer = new RawSqliteWriter(NewFile(), batched: false);

    /// <summary>A new file and a new store (its schema made before the timing).</summary>
    [IterationSetup(Target = nameof(SqliteSessionStore))]
    public void SetupStore()
    {
        writer = new StoreWriter(NewFile());
        writer.WriteAsync(new SessionRecord("warm-up", SessionId.New(), 1, false, Data, [], null)).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// A new file, store and host with 1,000 started <see cref="DurableCounter"/> sessions (each start is stored: the
    /// timed messages write version 2 on).
    /// </summary>
    [IterationSetup(Target = nameof(SessionGenDurable))]
    public void SetupSessionGen()
    {
        (host, store) = DurableHosts.CreateSessionGen(NewFile());
        var starts = new Task<DurableCounter.Client>[Sessions];
        for (int i = 0; i < starts.Length; i++)
        {
            starts[i] = DurableCounter.StartAsync(host).AsTask();
        }

        clients = Task.WhenAll(starts).GetAwaiter().GetResult();
    }

    /// <summary>
    /// A new file and actor system with 1,000 <see cref="AkkaPersistentCounter"/>s, each recovered and one event
    /// persisted (tables created, journal warm) before the timing.
    /// </summary>
    [IterationSetup(Target = nameof(AkkaPersistenceSql))]
    public void SetupAkka()
    {
        akka = DurableHosts.CreateAkka(NewFile(), "durable");
        counters = new IActorRef[Sessions];
        for (int i = 0; i < counters.Length; i++)
        {
            string persistenceId = "counter-" + ids[i].Value;
            counters[i] = akka.ActorOf(Props.Create(() => new AkkaPersistentCounter(persistenceId)), "c" + i);
        }

        RunAkkaAsync(target: 1).GetAwaiter().GetResult();
    }

    /// <summary>Closes the writer, host or actor system and deletes the file.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        writer = null;
        if (host is not null)
        {
            DurableHosts.Stop(host, store!);
            host = null;
            store = null;
            clients = [];
        }

        if (akka is not null)
        {
            AkkaSystems.Stop(akka);
            akka = null;
            counters = [];
        }

        DurableHosts.Delete(path);
    }

    /// <summary>(a) The group-commit floor.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Sessions * BatchedVersions)]
    public Task RawGroupCommit() => RunAsync(BatchedVersions);

    /// <summary>(b) One commit (one fsync) per write.</summary>
    [Benchmark(OperationsPerInvoke = Sessions * UnbatchedVersions)]
    public Task RawCommitPerWrite() => RunAsync(UnbatchedVersions);

    /// <summary>(c) <see cref="global::SessionGen.SqliteSessionStore"/>.</summary>
    [Benchmark(OperationsPerInvoke = Sessions * BatchedVersions)]
    public Task SqliteSessionStore() => RunAsync(BatchedVersions);

    /// <summary>(d) SessionGen durable sessions: 1,000 × 50 awaited <c>IncrementAsync</c>, each stored before its answer.</summary>
    [Benchmark(OperationsPerInvoke = Sessions * BatchedVersions)]
    public Task SessionGenDurable()
    {
        var sessions = new Task[Sessions];
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = RunCounterAsync(clients[i], BatchedVersions);
        }

        return Task.WhenAll(sessions);
    }

    /// <summary>(e) Akka.Persistence.Sql on SQLite: 1,000 × 5 commands, each persisted before its reply.</summary>
    [Benchmark(OperationsPerInvoke = Sessions * AkkaMessages)]
    public Task AkkaPersistenceSql() => RunAkkaAsync(target: 1 + AkkaMessages);

    private static async Task RunCounterAsync(DurableCounter.Client counter, int messages)
    {
        for (int i = 0; i < messages; i++)
        {
            await counter.IncrementAsync();
        }
    }

    // Every counter gets one Increment with the driver as its sender; the driver answers each reply below target with
    // the next, so each counter has one command in flight until it reaches target.
    private Task RunAkkaAsync(int target)
    {
        Task done = countdown.Reset(Sessions);
        Countdown signal = countdown;
        IActorRef driver = akka!.ActorOf(Props.Create(() => new AkkaCounterDriver(target, signal)));
        foreach (IActorRef counter in counters)
        {
            counter.Tell(Increment.Instance, driver);
        }

        return done;
    }

    private Task RunAsync(int versions)
    {
        var sessions = new Task[Sessions];
        for (int i = 0; i < sessions.Length; i++)
        {
            sessions[i] = RunSessionAsync(ids[i], versions);
        }

        return Task.WhenAll(sessions);
    }

    private async Task RunSessionAsync(SessionId id, int versions)
    {
        for (int version = 1; version <= versions; version++)
        {
            await writer!.WriteAsync(new SessionRecord("Bench.Process", id, version, false, Data, [], null));
        }
    }

    private string NewFile()
    {
        path = Path.Combine(Path.GetTempPath(), $"sessiongen-bench-{Guid.NewGuid():N}.db");
        ids = Enumerable.Range(0, Sessions).Select(_ => SessionId.New()).ToArray();
        return path;
    }

    // 256 bytes: about what a small session's state, protocol state and one pending timeout encode to.
    private static byte[] CreateData()
    {
        byte[] data = new byte[256];
        new Random(13).NextBytes(data);
        return data;
    }
}
