using Microsoft.Data.Sqlite;

namespace SessionGen.Sqlite.Tests;

/// <summary>The contract against SqliteSessionStore, a new file per test.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    private readonly TempDatabase database = new();

    protected override ISessionStore CreateStore() => new SqliteSessionStore(database.ConnectionString);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        database.Dispose();
    }
}

/// <summary>What only the SQLite store has: a file that outlives it, group commit, disposal, the schema.</summary>
public sealed class SqliteSessionStoreTests : IDisposable
{
    private const string Process = "Tests.Process";

    // Fails a test that would otherwise hang; no test waits for it in the normal case.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    private static SessionRecord Record(SessionId id, long version, CorrelationKey[]? keys = null, DateTimeOffset? wakeUpAt = null, bool ended = false) =>
        new(Process, id, version, ended, BitConverter.GetBytes(version), keys ?? [], wakeUpAt);

    [Fact]
    public async Task A_reopened_store_sees_every_acknowledged_write()
    {
        DateTimeOffset due = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        SessionId[] ids = Enumerable.Range(0, 100).Select(_ => SessionId.New()).ToArray();
        await using (var store = new SqliteSessionStore(database.ConnectionString))
        {
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                await store.WriteAsync(Record(id, 1, [new("n", i.ToString())]), default);
                await store.WriteAsync(Record(id, 2, [new("n", i.ToString())], wakeUpAt: i % 2 == 0 ? due.AddSeconds(i) : null, ended: i % 10 == 9), default);
            }));
        }

        await using (var reopened = new SqliteSessionStore(database.ConnectionString))
        {
            for (int i = 0; i < ids.Length; i++)
            {
                SessionRecord stored = (await reopened.ReadAsync(Process, ids[i], default))!;
                Assert.Equal(2, stored.Version);
                Assert.Equal(BitConverter.GetBytes(2L), stored.Data.ToArray());
                Assert.Equal(i % 10 == 9, stored.Ended);
                Assert.Equal(i % 10 == 9 ? null : ids[i], await reopened.FindAsync(Process, new("n", i.ToString()), default));
            }

            var wakeUps = new List<SessionWakeUp>();
            await foreach (SessionWakeUp wakeUp in reopened.ReadWakeUpsAsync(default))
            {
                wakeUps.Add(wakeUp);
            }

            int[] expected = Enumerable.Range(0, ids.Length).Where(i => i % 2 == 0 && i % 10 != 9).ToArray();
            Assert.Equal(expected.Select(i => (ids[i], due.AddSeconds(i))), wakeUps.Select(w => (w.Id, w.DueAt)));

            // The versions carry on where the first store stopped.
            await reopened.WriteAsync(Record(ids[0], 3), default);
            await Assert.ThrowsAsync<SessionStoreConflictException>(() => reopened.WriteAsync(Record(ids[1], 2), default).AsTask());
        }
    }

    [Fact]
    public async Task Concurrent_writes_share_transactions()
    {
        await using var store = new SqliteSessionStore(database.ConnectionString);
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        long before = store.TransactionCount;
        Assert.Equal(1, before);

        // 1,000 writes issued at once, as 1,000 sessions' turns would.
        SessionId[] ids = Enumerable.Range(0, 1_000).Select(_ => SessionId.New()).ToArray();
        await Task.WhenAll(ids.Select(id => store.WriteAsync(Record(id, 1), default).AsTask()));

        long used = store.TransactionCount - before;
        Assert.InRange(used, 1, 250);
    }

    [Fact]
    public async Task Writes_queued_behind_a_busy_writer_commit_in_one_transaction_each_batch()
    {
        await using var store = new SqliteSessionStore(database.ConnectionString, new SqliteSessionStoreOptions { MaxBatchSize = 300 });
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        long before = store.TransactionCount;

        Task[] writes;
        using (database.HoldWriteLock())
        {
            // The writer takes at most one batch and waits at its BEGIN; the rest queue behind it.
            writes = Enumerable.Range(0, 1_000).Select(_ => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask()).ToArray();
            Assert.All(writes, write => Assert.False(write.IsCompleted));
        }

        await Task.WhenAll(writes).WaitAsync(HangGuard);

        // 1,000 writes in batches of at most 300: the first (whatever was queued when the writer woke) plus at most 4.
        Assert.InRange(store.TransactionCount - before, 4, 5);
    }

    [Fact]
    public async Task A_conflict_in_a_batch_fails_alone_while_the_batch_commits()
    {
        await using var store = new SqliteSessionStore(database.ConnectionString);
        SessionId a = SessionId.New(), b = SessionId.New();
        await store.WriteAsync(Record(b, 1), default);

        Task blocker, writeA1, writeB1, writeA2, writeB3;
        await using (var batched = new SqliteSessionStore(database.ConnectionString))
        {
            using (database.HoldWriteLock())
            {
                blocker = batched.WriteAsync(Record(SessionId.New(), 1), default).AsTask();
                writeA1 = batched.WriteAsync(Record(a, 1), default).AsTask();
                writeB1 = batched.WriteAsync(Record(b, 1), default).AsTask();   // b is at 1: conflict
                writeA2 = batched.WriteAsync(Record(a, 2), default).AsTask();   // after a's 1 in the same batch: fine
                writeB3 = batched.WriteAsync(Record(b, 3), default).AsTask();   // skips 2: conflict
            }

            await blocker.WaitAsync(HangGuard);
            await writeA1;
            await writeA2;
            await Assert.ThrowsAsync<SessionStoreConflictException>(() => writeB1);
            await Assert.ThrowsAsync<SessionStoreConflictException>(() => writeB3);
            Assert.InRange(batched.TransactionCount, 1, 2);
        }

        Assert.Equal(2, (await store.ReadAsync(Process, a, default))!.Version);
        Assert.Equal(1, (await store.ReadAsync(Process, b, default))!.Version);
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_completes_as_cancelled_and_is_not_stored()
    {
        await using var store = new SqliteSessionStore(database.ConnectionString, new SqliteSessionStoreOptions { MaxBatchSize = 1 });
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId first = SessionId.New(), queued = SessionId.New();
        using var cancellation = new CancellationTokenSource();

        Task firstWrite, queuedWrite;
        using (database.HoldWriteLock())
        {
            firstWrite = store.WriteAsync(Record(first, 1), default).AsTask();   // taken alone (batch of 1), waiting at BEGIN
            queuedWrite = store.WriteAsync(Record(queued, 1), cancellation.Token).AsTask();
            cancellation.Cancel();

            // Cancelled at once, while the writer is still stuck.
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queuedWrite.WaitAsync(HangGuard));
            Assert.False(firstWrite.IsCompleted);
        }

        await firstWrite.WaitAsync(HangGuard);
        Assert.NotNull(await store.ReadAsync(Process, first, default));
        Assert.Null(await store.ReadAsync(Process, queued, default));
        await store.WriteAsync(Record(queued, 1), default);
    }

    [Fact]
    public async Task Dispose_finishes_the_queued_writes_and_then_refuses_new_ones()
    {
        var store = new SqliteSessionStore(database.ConnectionString);
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId[] ids = Enumerable.Range(0, 2_000).Select(_ => SessionId.New()).ToArray();

        Task[] writes;
        Task disposal;
        using (database.HoldWriteLock())
        {
            writes = ids.Select(id => store.WriteAsync(Record(id, 1), default).AsTask()).ToArray();
            disposal = store.DisposeAsync().AsTask();
            Assert.False(disposal.IsCompleted); // the writer is stuck behind the lock with writes queued

            await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadAsync(Process, ids[0], default).AsTask());
        }

        await disposal.WaitAsync(HangGuard);
        Assert.All(writes, write => Assert.True(write.IsCompletedSuccessfully));
        await store.DisposeAsync(); // again: nothing

        await using var reopened = new SqliteSessionStore(database.ConnectionString);
        foreach (SessionId id in ids)
        {
            Assert.NotNull(await reopened.ReadAsync(Process, id, default));
        }
    }

    [Fact]
    public async Task A_store_disposed_before_use_refuses_everything()
    {
        var store = new SqliteSessionStore(database.ConnectionString);
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.FindAsync(Process, new("k", "v"), default).AsTask());
        Assert.False(File.Exists(database.Path)); // never opened
    }

    [Fact]
    public async Task The_schema_is_created_once_in_WAL_mode_and_versioned()
    {
        await using (var store = new SqliteSessionStore(database.ConnectionString))
        {
            Assert.Null(await store.ReadAsync(Process, SessionId.New(), default)); // a read is a first use too
        }

        await using (var again = new SqliteSessionStore(database.ConnectionString, new SqliteSessionStoreOptions { Synchronous = SqliteSynchronousMode.Normal }))
        {
            await again.WriteAsync(Record(SessionId.New(), 1), default);
        }

        using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(1L, Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM sessions;"));
        Assert.Equal(1L, Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'keys_by_key';"));
    }

    [Fact]
    public async Task A_newer_schema_is_refused_by_writes_and_reads()
    {
        using (var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA user_version = 2;");
        }

        await using var store = new SqliteSessionStore(database.ConnectionString);
        await Assert.ThrowsAsync<NotSupportedException>(() => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask());
        await Assert.ThrowsAsync<NotSupportedException>(() => store.ReadAsync(Process, SessionId.New(), default).AsTask());
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=x;Mode=Memory")]
    [InlineData("Data Source=x.db;Mode=ReadOnly")]
    [InlineData("")]
    public void A_connection_string_without_a_writable_file_is_refused(string connectionString) =>
        Assert.Throws<ArgumentException>(() => new SqliteSessionStore(connectionString));

    [Fact]
    public void A_batch_size_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteSessionStoreOptions { MaxBatchSize = 0 });

    [Fact]
    public async Task Continuations_of_a_write_do_not_run_on_the_writer_thread()
    {
        await using var store = new SqliteSessionStore(database.ConnectionString);
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        Task write = store.WriteAsync(Record(SessionId.New(), 1), default).AsTask();
        string? threadName = await write.ContinueWith(_ => Thread.CurrentThread.Name, TaskContinuationOptions.ExecuteSynchronously);
        Assert.NotEqual("SessionGen.Sqlite writer", threadName);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
