using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>Two stores over one schema, as two processes of a cluster sharing one database are.</summary>
public sealed class SharedDatabaseTests : IAsyncLifetime
{
    private TestSchema schema = null!;
    private PostgreSqlSessionStore first = null!;
    private PostgreSqlSessionStore second = null!;

    public async Task InitializeAsync()
    {
        schema = await TestSchema.CreateAsync();
        first = schema.NewStore();
        second = schema.NewStore();
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        await schema.DisposeAsync();
    }

    [Fact]
    public async Task Of_two_stores_writing_the_same_version_of_a_session_exactly_one_wins_every_time()
    {
        SessionId id = SessionId.New();
        for (long version = 1; version <= 100; version++)
        {
            Task<bool> byFirst = TryWriteAsync(first, Record(id, version, data: [1, (byte)version]));
            Task<bool> bySecond = TryWriteAsync(second, Record(id, version, data: [2, (byte)version]));
            bool[] won = await Task.WhenAll(byFirst, bySecond);

            Assert.Equal(1, won.Count(w => w));
            SessionRecord stored = (await second.ReadAsync(Process, id, default))!;
            Assert.Equal(version, stored.Version);
            Assert.Equal([won[0] ? (byte)1 : (byte)2, (byte)version], stored.Data.ToArray());
        }
    }

    [Fact]
    public async Task A_session_written_by_one_store_carries_on_in_the_other()
    {
        SessionId id = SessionId.New();
        CorrelationKey key = new("order", "7");
        await first.WriteAsync(Record(id, 1, [key]), default);

        // The first process is gone; the second finds the session by its key and writes its next version.
        Assert.Equal(id, await second.FindAsync(Process, key, default));
        SessionRecord stored = (await second.ReadAsync(Process, id, default))!;
        await second.WriteAsync(Record(id, stored.Version + 1, [key, new("order", "8")]), default);

        // A late write of the first store's stale view is refused.
        await Assert.ThrowsAsync<SessionStoreConflictException>(() => first.WriteAsync(Record(id, 2, [key]), default).AsTask());
        Assert.Equal(id, await first.FindAsync(Process, new("order", "8"), default));
    }

    [Fact]
    public async Task A_key_moved_to_another_session_by_one_store_stays_there_whatever_the_other_store_writes()
    {
        SessionId old = SessionId.New(), taker = SessionId.New();
        CorrelationKey key = new("room", "lobby");
        await first.WriteAsync(Record(old, 1, [key]), default);
        await second.WriteAsync(Record(taker, 1, [key]), default);
        Assert.Equal(taker, await first.FindAsync(Process, key, default));

        await first.WriteAsync(Record(old, 2, [key, new("room", "attic")]), default); // lists it again: written last, so it takes it back
        Assert.Equal(old, await second.FindAsync(Process, key, default));
        await second.WriteAsync(Record(taker, 2, [key]), default);
        await first.WriteAsync(Record(old, 3, ended: true), default); // ends: drops only what it holds
        Assert.Equal(taker, await second.FindAsync(Process, key, default));
        Assert.Null(await second.FindAsync(Process, new("room", "attic"), default));
    }

    [Fact]
    public async Task Batches_of_two_stores_that_take_the_same_keys_in_opposite_orders_all_commit()
    {
        // Each store's batch updates shared key rows in the opposite order of the other's: PostgreSQL may detect a
        // deadlock and abort one transaction, which the store then tries again; no write may fail for it.
        const int rounds = 20, sessions = 30;
        CorrelationKey[] keys = Enumerable.Range(0, sessions).Select(i => new CorrelationKey("shared", i.ToString())).ToArray();
        SessionId[] mine = Enumerable.Range(0, sessions).Select(_ => SessionId.New()).ToArray();
        SessionId[] theirs = Enumerable.Range(0, sessions).Select(_ => SessionId.New()).ToArray();
        for (int round = 1; round <= rounds; round++)
        {
            int version = round;
            Task[] writes =
            [
                .. mine.Select((id, i) => first.WriteAsync(Record(id, version, [keys[i]]), default).AsTask()),
                .. theirs.Select((id, i) => second.WriteAsync(Record(id, version, [keys[sessions - 1 - i]]), default).AsTask()),
            ];
            await Task.WhenAll(writes).WaitAsync(HangGuard);
        }

        foreach (CorrelationKey key in keys)
        {
            SessionId? holder = await first.FindAsync(Process, key, default);
            Assert.True(holder is { } h && (mine.Contains(h) || theirs.Contains(h)));
        }
    }

    [Fact]
    public async Task Many_writers_in_two_stores_all_commit_with_their_final_versions()
    {
        const int sessions = 100, versions = 20;
        SessionId[] ids = Enumerable.Range(0, sessions).Select(_ => SessionId.New()).ToArray();

        // Session i is written by store i % 2: two processes, each with its own sessions, one database.
        await Task.WhenAll(ids.Select((id, i) => Task.Run(async () =>
        {
            PostgreSqlSessionStore store = i % 2 == 0 ? first : second;
            for (int version = 1; version <= versions; version++)
            {
                await store.WriteAsync(Record(id, version, [new("s", id.Value)], data: [(byte)i, (byte)version]), default);
            }
        }))).WaitAsync(HangGuard);

        for (int i = 0; i < sessions; i++)
        {
            PostgreSqlSessionStore other = i % 2 == 0 ? second : first;
            SessionRecord stored = (await other.ReadAsync(Process, ids[i], default))!;
            Assert.Equal(versions, stored.Version);
            Assert.Equal([(byte)i, (byte)versions], stored.Data.ToArray());
            Assert.Equal(ids[i], await other.FindAsync(Process, new("s", ids[i].Value), default));
        }

        Assert.True(first.TransactionCount < sessions / 2 * versions, "the first store should have batched");
    }

    private static async Task<bool> TryWriteAsync(PostgreSqlSessionStore store, SessionRecord record)
    {
        try
        {
            await store.WriteAsync(record, default);
            return true;
        }
        catch (SessionStoreConflictException)
        {
            return false;
        }
    }
}
