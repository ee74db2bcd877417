using Npgsql;
using static SessionGen.PostgreSql.Tests.Records;

namespace SessionGen.PostgreSql.Tests;

/// <summary>The tables: created on first use, once whatever the number of processes starting together; versioned.</summary>
public sealed class SchemaTests : IAsyncLifetime
{
    private TestSchema schema = null!;

    public async Task InitializeAsync() => schema = await TestSchema.CreateAsync();

    public async Task DisposeAsync() => await schema.DisposeAsync();

    [Fact]
    public async Task A_first_read_creates_the_schema_and_its_tables()
    {
        await using (PostgreSqlSessionStore store = schema.NewStore())
        {
            Assert.Null(await store.ReadAsync(Process, SessionId.New(), default)); // a read is a first use too
        }

        Assert.Equal(1, await schema.ScalarAsync($"SELECT version FROM {schema.Name}.store_schema;"));
        Assert.Equal(3L, await schema.ScalarAsync($"SELECT count(*) FROM pg_tables WHERE schemaname = '{schema.Name}';"));
        Assert.Equal(1L, await schema.ScalarAsync($"SELECT count(*) FROM pg_indexes WHERE schemaname = '{schema.Name}' AND indexname = 'sessions_by_wake_up';"));
    }

    [Fact]
    public async Task Stores_of_many_processes_starting_together_create_the_schema_once()
    {
        // Each store has its own pool, as a process would; all are held at the creation lock, then let go together.
        PostgreSqlSessionStore[] stores = Enumerable.Range(0, 8).Select(_ => schema.NewStore()).ToArray();
        try
        {
            Task[] writes;
            await using (await schema.HoldSchemaLockAsync())
            {
                writes = stores.Select(store => store.WriteAsync(Record(SessionId.New(), 1), default).AsTask()).ToArray();
                await schema.WaitForBlockedBackendAsync();
            }

            await Task.WhenAll(writes).WaitAsync(HangGuard);
            Assert.Equal(1L, await schema.ScalarAsync($"SELECT count(*) FROM {schema.Name}.store_schema;"));
            Assert.Equal(8L, await schema.ScalarAsync($"SELECT count(*) FROM {schema.Name}.sessions;"));
        }
        finally
        {
            foreach (PostgreSqlSessionStore store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_schema_created_by_its_administrator_is_used_as_it_is()
    {
        await schema.ScalarAsync($"CREATE SCHEMA {schema.Name};");
        await using PostgreSqlSessionStore store = schema.NewStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(Record(id, 1), default);
        Assert.Equal(1, (await store.ReadAsync(Process, id, default))!.Version);
    }

    [Fact]
    public async Task A_newer_schema_is_refused_by_writes_and_reads()
    {
        await using (PostgreSqlSessionStore store = schema.NewStore())
        {
            await store.WriteAsync(Record(SessionId.New(), 1), default);
        }

        await schema.ScalarAsync($"UPDATE {schema.Name}.store_schema SET version = 2;");
        await using PostgreSqlSessionStore newer = schema.NewStore();
        await Assert.ThrowsAsync<NotSupportedException>(() => newer.WriteAsync(Record(SessionId.New(), 1), default).AsTask());
        await Assert.ThrowsAsync<NotSupportedException>(() => newer.ReadAsync(Process, SessionId.New(), default).AsTask());
    }

    [Fact]
    public async Task Stores_in_two_schemas_of_one_database_do_not_see_each_other()
    {
        await using TestSchema other = await TestSchema.CreateAsync();
        await using PostgreSqlSessionStore here = schema.NewStore(), there = other.NewStore();
        SessionId id = SessionId.New();
        await here.WriteAsync(Record(id, 1, [new("k", "1")]), default);
        await there.WriteAsync(Record(id, 1, data: [7]), default); // version 1 again: another store

        Assert.Equal([7], (await there.ReadAsync(Process, id, default))!.Data.ToArray());
        Assert.Null(await there.FindAsync(Process, new("k", "1"), default));
        Assert.Equal(id, await here.FindAsync(Process, new("k", "1"), default));
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_the_write_and_a_later_use_tries_again()
    {
        // A port where nothing listens (the server's own, plus one): the schema is not remembered as failed.
        var builder = new NpgsqlConnectionStringBuilder(schema.ConnectionString);
        builder.Port += 1;
        await using var unreachable = new PostgreSqlSessionStore(new PostgreSqlSessionStoreOptions { ConnectionString = builder.ConnectionString, Schema = schema.Name });
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => unreachable.WriteAsync(Record(SessionId.New(), 1), default).AsTask().WaitAsync(HangGuard));
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => unreachable.ReadAsync(Process, SessionId.New(), default).AsTask().WaitAsync(HangGuard));
    }
}
