using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>The store's connections killed under it (pg_terminate_backend, as an administrator or a failover does).</summary>
public sealed class ConnectionLossTests : IAsyncLifetime
{
    private TestSchema schema = null!;

    public async Task InitializeAsync() => schema = await TestSchema.CreateAsync();

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task A_batch_whose_connection_is_killed_before_its_commit_is_tried_again_and_stored()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId[] ids = Enumerable.Range(0, 50).Select(_ => SessionId.New()).ToArray();

        Task[] writes;
        await using (await schema.HoldWriteLockAsync())
        {
            writes = ids.Select(id => store.WriteAsync(Record(id, 1, [new("k", id.Value)]), default).AsTask()).ToArray();
            int writer = await schema.WaitForBlockedBackendAsync();   // the batch is sent and waits for the lock
            Assert.Equal(1, await schema.KillStoreBackendsAsync(writer));
            await schema.WaitForBlockedBackendAsync();                // tried again on a new connection, waiting again
        }

        await Task.WhenAll(writes).WaitAsync(HangGuard);
        Assert.Equal(1, store.RetryCount);
        foreach (SessionId id in ids)
        {
            Assert.Equal(1, (await store.ReadAsync(Process, id, default))!.Version);
            Assert.Equal(id, await store.FindAsync(Process, new("k", id.Value), default));
        }
    }

    [Fact]
    public async Task Every_connection_killed_between_batches_fails_neither_the_next_write_nor_the_next_read()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(Record(id, 1, [new("k", "1")]), default);
        Assert.NotNull(await store.ReadAsync(Process, id, default));
        Assert.True(await schema.KillStoreBackendsAsync() >= 1);

        await store.WriteAsync(Record(id, 2, [new("k", "1")]), default);
        Assert.Equal(2, (await store.ReadAsync(Process, id, default))!.Version);
        Assert.Equal(id, await store.FindAsync(Process, new("k", "1"), default));
        Assert.Empty(await WakeUpsAsync(store));
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_fails_its_writes_and_the_store_carries_on()
    {
        await using PostgreSqlSessionStore store = schema.NewStore();
        await store.WriteAsync(Record(SessionId.New(), 1), default);
        SessionId lost = SessionId.New(), later = SessionId.New();

        Task write;
        await using (await schema.HoldWriteLockAsync())
        {
            write = store.WriteAsync(Record(lost, 1), default).AsTask();
            for (int attempt = 0; attempt < 3; attempt++)
            {
                await schema.KillStoreBackendsAsync(await schema.WaitForBlockedBackendAsync());
            }

            await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => write.WaitAsync(HangGuard));
        }

        Assert.Equal(2, store.RetryCount);
        Assert.Null(await store.ReadAsync(Process, lost, default));
        await store.WriteAsync(Record(later, 1), default);
        await store.WriteAsync(Record(lost, 1), default); // nothing of the failed batch was stored
    }
}
