using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace SessionGen.Benchmarks.Durability;

/// <summary>
/// (f) Durable writes: 1,000 sessions each keep one write in flight (its completion issues the session's next
/// version at once) against a new SQLite file in WAL mode with synchronous=FULL. One operation is one acknowledged
/// write, so Mean is the time per write and Writes/s its inverse. (a) <see cref="RawGroupCommit"/>: one writer thread
/// upserting every pending write in one transaction, by hand; (b) <see cref="RawCommitPerWrite"/>: the same writer with
/// one transaction per write; (c) <see cref="SqliteSessionStore"/>: SessionGen.Sqlite with its defaults (version
/// checks, key table). Each iteration gets a fresh database file (made and deleted outside the timing).
/// </summary>
[Config(typeof(DurableWritesConfig))]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class DurableWriteBenchmarks
{
    /// <summary>Sessions with a write in flight.</summary>
    public const int Sessions = 1_000;

    /// <summary>Versions per session where commits are batched: 50,000 writes per iteration.</summary>
    public const int BatchedVersions = 50;

    /// <summary>Versions per session with one commit per write (about 100 times slower): 3,000 writes per iteration.</summary>
    public const int UnbatchedVersions = 3;

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

    /// <summary>Closes the writer and deletes the file.</summary>
    [IterationCleanup]
    public void Cleanup()
    {
        writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        writer = null;
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
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

    // An Akka.Persistence.Sql journal on SQLite row goes here (same sessions, one event persisted per write).

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
