using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>What only the PostgreSQL store has: a database that outlives it, group commit, disposal, the schema, options.</summary>
public sealed class PostgreSqlSessionStoreTests : IAsyncLifetime
{
    private TestSchema schema = null!;

    public async Task InitializeAsync() => schema = await TestSchema.CreateAsync();

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task A_new_store_sees_every_acknowledged_write_of_the_previous_one()
    {
        DateTimeOffset due = new(2031, 5, 6, 7, 8, 9, TimeSpan.FromHours(3));
        SessionId[] ids = Enumerable.Range(0, 100).Select(_ => SessionId.New()).ToArray();
        await using (PostgreSqlSessionStore store = schema.NewStore())
        {
            await Task.WhenAll(ids.Select(async (id, i) =>
            {
                await store.WriteAsync(Record(id, 1, [new("n", i.ToString())]), default);
                await store.WriteAsync(Record(id, 2, [new("n", i.ToString())], wakeUpAt: i % 2 == 0 ? due.AddTicks(i) : null, ended: i % 10 == 9), default);
            }));
        }

        await using PostgreSqlSessionStore reopened = schema.NewStore();
        for (int i = 0; i < ids.Length; i++)
        {
            SessionRecord stored = (await reopened.ReadAsync(Process, ids[i], default))!;
            Assert.Equal(2, stored.Version);
            Assert.Equal(BitConverter.GetBytes(2L), stored.Data.ToArray());
            Assert.Equal(i % 10 == 9, stored.Ended);
            Assert.Equal(i % 10 == 9 ? null : ids[i], await reopened.FindAsync(Process, new("n", i.ToString()), default));
        }

        // Earliest first, to the tick (timestamptz would keep only microseconds).
        int[] expected = Enumerable.Range(0, ids.Length).Where(i => i % 2 == 0 && i % 10 != 9).ToArray();
        List<SessionWakeUp> wakeUps = await WakeUpsAsync(reopened);
        Assert.Equal(expected.Select(i => (ids[i], due.AddTicks(i).UtcTicks)), wakeUps.Select(w => (w.Id, w.DueAt.UtcTicks)));
        Assert.All(wakeUps, w => Assert.Equal(TimeSpan.Zero, w.DueAt.Offset));

        // The versions carry on where the first store stopped.
        await reopened.WriteAsync(Record(ids[0], 3), default);
        await Assert.ThrowsAsync<SessionStoreConflictException>(() => reopened.WriteAsync(Record(ids[1], 2), default).AsTask());
    }

    [Fact]
    public async Task Concurrent_writes_share_transactions()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        long before = store.TransactionCount;
        Assert.Equal(1, before);

        // 1,000 writes issued at once, as 1,000 sessions' turns would.
        SessionId[] ids = Enumerable.Range(0, 1_000).Select(_ => SessionId.New()).ToArray();
        await Task.WhenAll(ids.Select(id => store.WriteAsync(Record(id, 1), default).AsTask()));

        Assert.InRange(store.TransactionCount - before, 1, 250);
    }

    [Fact]
    public async Task Writes_queued_behind_a_busy_writer_commit_in_one_transaction_each_batch()
    {
        await using PostgreSqlSessionStore store = schema.NewStore(maxBatchSize: 300);
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        long before = store.TransactionCount;

        Task[] writes;
        await using (await schema.HoldWriteLockAsync())
        {
            // The writer takes one batch and waits inside it for the lock; the rest queue behind it.
            writes = Enumerable.Range(0, 1_000).Select(_ => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask()).ToArray();
            await schema.WaitForBlockedBackendAsync();
            Assert.All(writes, write => Assert.False(write.IsCompleted));
        }

        await Task.WhenAll(writes).WaitAsync(HangGuard);

        // 1,000 writes in batches of at most 300: the first (whatever was queued when the writer woke) plus at most 4.
        Assert.InRange(store.TransactionCount - before, 4, 5);
        Assert.Equal(0, store.RetryCount);
    }

    [Fact]
    public async Task A_conflict_in_a_batch_fails_alone_while_the_batch_commits()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        SessionId a = SessionId.New(), b = SessionId.New();
        await store.WriteAsync(Record(b, 1), default);

        Task blocker, writeA1, writeB1, writeA2, writeB3;
        await using (PostgreSqlSessionStore batched = schema.NewStore())
        {
            await using (await schema.HoldWriteLockAsync())
            {
                blocker = batched.WriteAsync(Record(SessionId.New(), 1), default).AsTask();
                await schema.WaitForBlockedBackendAsync();
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
            Assert.Equal(2, batched.TransactionCount);
        }

        Assert.Equal(2, (await store.ReadAsync(Process, a, default))!.Version);
        Assert.Equal(1, (await store.ReadAsync(Process, b, default))!.Version);
    }

    [Fact]
    public async Task A_write_cancelled_while_queued_completes_as_cancelled_and_is_not_stored()
    {
        await using PostgreSqlSessionStore store = schema.NewStore(maxBatchSize: 1);
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId first = SessionId.New(), queued = SessionId.New();
        using var cancellation = new CancellationTokenSource();

        Task firstWrite, queuedWrite;
        await using (await schema.HoldWriteLockAsync())
        {
            firstWrite = store.WriteAsync(Record(first, 1), default).AsTask();   // taken alone (batch of 1), waiting for the lock
            await schema.WaitForBlockedBackendAsync();
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
    public async Task Cancelling_a_write_already_in_a_transaction_does_not_undo_it()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId id = SessionId.New();
        using var cancellation = new CancellationTokenSource();

        Task write;
        await using (await schema.HoldWriteLockAsync())
        {
            write = store.WriteAsync(Record(id, 1), cancellation.Token).AsTask();
            await schema.WaitForBlockedBackendAsync();
            cancellation.Cancel();
        }

        await write.WaitAsync(HangGuard); // completes with its transaction's outcome: stored
        Assert.Equal(1, (await store.ReadAsync(Process, id, default))!.Version);
    }

    [Fact]
    public async Task Dispose_finishes_the_queued_writes_and_then_refuses_new_ones()
    {
        PostgreSqlSessionStore store = schema.NewStore();
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId[] ids = Enumerable.Range(0, 2_000).Select(_ => SessionId.New()).ToArray();

        Task[] writes;
        Task disposal;
        await using (await schema.HoldWriteLockAsync())
        {
            writes = ids.Select(id => store.WriteAsync(Record(id, 1), default).AsTask()).ToArray();
            await schema.WaitForBlockedBackendAsync();
            disposal = store.DisposeAsync().AsTask();
            Assert.False(disposal.IsCompleted); // the writer is stuck behind the lock with writes queued

            await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask());
            await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ReadAsync(Process, ids[0], default).AsTask());
        }

        await disposal.WaitAsync(HangGuard);
        Assert.All(writes, write => Assert.True(write.IsCompletedSuccessfully));
        await store.DisposeAsync(); // again: nothing

        await using PostgreSqlSessionStore reopened = schema.NewStore();
        foreach (SessionId id in ids)
        {
            Assert.NotNull(await reopened.ReadAsync(Process, id, default));
        }
    }

    [Fact]
    public async Task A_store_disposed_before_use_refuses_everything_and_created_nothing()
    {
        PostgreSqlSessionStore store = schema.NewStore();
        await store.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.FindAsync(Process, new("k", "v"), default).AsTask());
        Assert.Equal(true, await schema.ScalarAsync($"SELECT to_regnamespace('{schema.Name}') IS NULL;"));
    }
}
