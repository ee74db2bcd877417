using Akka.Actor;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using SessionGen.Benchmarks.Infrastructure;

namespace SessionGen.Benchmarks.Durability;

/// <summary>
/// (g) One sequential durable round trip (issue 13): one caller, one message at a time, each awaited before the next,
/// so Mean is the latency of one acknowledged durable message. Every row writes to a new SQLite file in WAL mode with
/// synchronous=FULL on the same disk. (a) <see cref="RawCommit"/>, the floor: one upsert in one transaction on the
/// calling thread with a prepared statement (one fsync); (b) <see cref="SqliteSessionStoreWrite"/>: one
/// <see cref="global::SessionGen.SqliteSessionStore.WriteAsync"/> of a 256-byte record (the writer thread, a batch of one);
/// (c) <see cref="SessionGenDurable"/>: one awaited <c>IncrementAsync</c> to one durable <see cref="DurableCounter"/>
/// session; (d) <see cref="AkkaPersistenceSql"/>: one <c>Ask</c> to one <see cref="AkkaPersistentCounter"/>.
/// </summary>
/// <remarks>
/// The disk's flush latency moves by up to 10× from second to second on a shared machine, and the rows run one after
/// the other: 15 short iterations per row and the Min and Median columns make the rows comparable.
/// </remarks>
[Config(typeof(DurableWritesConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 15, invocationCount: 1)]
[MinColumn]
[MedianColumn]
[MaxColumn]
[MemoryDiagnoser]
public class DurableRoundTripBenchmarks
{
    /// <summary>Round trips per iteration.</summary>
    public const int RoundTrips = 200;

    private static readonly byte[] Data = new byte[256];
    private string path = "";
    private SqliteConnection? connection;
    private SqliteCommand? upsert;
    private SqliteSessionStore? store;
    private SessionHost? host;
    private DurableCounter.Client? client;
    private ActorSystem? akka;
    private IActorRef? counter;
    private SessionId id;
    private long version;

    /// <summary>A new file, the table and a prepared upsert.</summary>
    [IterationSetup(Target = nameof(RawCommit))]
    public void SetupRaw()
    {
        path = DurableHosts.NewPath("roundtrip");
        connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (SqliteCommand setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; " +
                                "CREATE TABLE sessions (process TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (process, id));";
            setup.ExecuteNonQuery();
        }

        upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO sessions (process, id, version, data) VALUES ('Bench.Process', $id, $version, $data) " +
                             "ON CONFLICT (process, id) DO UPDATE SET version = excluded.version, data = excluded.data;";
        upsert.Parameters.AddWithValue("$id", SessionId.New().Value);
        upsert.Parameters.AddWithValue("$version", 0L);
        upsert.Parameters.AddWithValue("$data", Data);
        upsert.Prepare();
        version = 0;
    }

    /// <summary>A new file and store, its schema made and one record written before the timing.</summary>
    [IterationSetup(Target = nameof(SqliteSessionStoreWrite))]
    public void SetupStore()
    {
        path = DurableHosts.NewPath("roundtrip");
        store = new SqliteSessionStore($"Data Source={path}");
        id = SessionId.New();
        version = 1;
        store.WriteAsync(new SessionRecord("Bench.Process", id, 1, false, Data, [], null), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A new file, store and host with one started session.</summary>
    [IterationSetup(Target = nameof(SessionGenDurable))]
    public void SetupSessionGen()
    {
        path = DurableHosts.NewPath("roundtrip");
        (host, store) = DurableHosts.CreateSessionGen(path);
        client = DurableCounter.StartAsync(host).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>A new file and actor system with one counter, recovered and one event persisted before the timing.</summary>
    [IterationSetup(Target = nameof(AkkaPersistenceSql))]
    public void SetupAkka()
    {
        path = DurableHosts.NewPath("roundtrip");
        akka = DurableHosts.CreateAkka(path, "roundtrip");
        counter = akka.ActorOf(Props.Create(() => new AkkaPersistentCounter("counter-1")), "c1");
        counter.Ask<int>(Increment.Instance).GetAwaiter().GetResult();
    }

    /// <summary>Closes what the iteration opened and deletes the file.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        upsert?.Dispose();
        upsert = null;
        connection?.Dispose();
        connection = null;
        if (host is not null)
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            host = null;
            client = null;
        }

        store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        store = null;
        if (akka is not null)
        {
            AkkaSystems.Stop(akka);
            akka = null;
            counter = null;
        }

        DurableHosts.Delete(path);
    }

    /// <summary>(a) One SQLite commit: BEGIN IMMEDIATE, one upsert, COMMIT (fsync), on the calling thread.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public void RawCommit()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            using SqliteTransaction transaction = connection!.BeginTransaction(deferred: false);
            upsert!.Transaction = transaction;
            upsert.Parameters[1].Value = ++version;
            upsert.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    /// <summary>(b) One store write at a time.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task SqliteSessionStoreWrite()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            await store!.WriteAsync(new SessionRecord("Bench.Process", id, ++version, false, Data, [], null), CancellationToken.None);
        }
    }

    /// <summary>(c) One durable SessionGen round trip at a time.</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task SessionGenDurable()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            await client!.IncrementAsync();
        }
    }

    /// <summary>(d) One Akka.Persistence.Sql round trip at a time (<c>Ask</c>, no timeout, as in the request/response benchmark).</summary>
    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public async Task AkkaPersistenceSql()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            await counter!.Ask<int>(Increment.Instance);
        }
    }
}
