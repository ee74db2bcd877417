using Npgsql;

namespace SessionGen.PostgreSql.Tests;

/// <summary>
/// A schema of its own for one test, dropped afterwards, so tests (and other test runs sharing the server) never see
/// each other's sessions. Its connections carry an application name of their own, so a test can find and kill exactly
/// the backends of its stores.
/// </summary>
public sealed class TestSchema : IAsyncDisposable
{
    private TestSchema(string serverConnectionString)
    {
        string suffix = Guid.NewGuid().ToString("N");
        Name = $"test_{suffix}";
        ApplicationName = $"sessiongen-test-{suffix}";
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { ApplicationName = ApplicationName }.ConnectionString;

        // The test's own queries (locks, kills, checks): another application name, so a kill spares them.
        AdminConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { ApplicationName = "sessiongen-test-admin", Pooling = false }.ConnectionString;
    }

    /// <summary>The schema's name (not created until a store first uses it).</summary>
    public string Name { get; }

    /// <summary>The application name of every connection made with <see cref="ConnectionString"/>.</summary>
    public string ApplicationName { get; }

    /// <summary>For the stores under test.</summary>
    public string ConnectionString { get; }

    public string AdminConnectionString { get; }

    public static async Task<TestSchema> CreateAsync() => new(await PostgresServer.ConnectionStringAsync());

    /// <summary>Options for a store in this schema.</summary>
    public PostgreSqlSessionStoreOptions Options(int maxBatchSize = 1_000) =>
        new() { ConnectionString = ConnectionString, Schema = Name, MaxBatchSize = maxBatchSize };

    public PostgreSqlSessionStore NewStore(int maxBatchSize = 1_000) => new(Options(maxBatchSize));

    public async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using NpgsqlConnection connection = await OpenAdminAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>
    /// Takes an EXCLUSIVE lock on the sessions table in a transaction of its own, as another process could: the stores'
    /// writes wait until the returned object is disposed (reads do not). Lets a test queue writes behind a busy writer
    /// without timing anything.
    /// </summary>
    public Task<IAsyncDisposable> HoldWriteLockAsync() => HoldAsync($"LOCK TABLE {Name}.sessions IN EXCLUSIVE MODE;");

    /// <summary>Takes an ACCESS EXCLUSIVE lock on the sessions table (as ALTER TABLE does): reads of it wait too.</summary>
    public Task<IAsyncDisposable> HoldReadLockAsync() => HoldAsync($"LOCK TABLE {Name}.sessions IN ACCESS EXCLUSIVE MODE;");

    /// <summary>Holds the advisory lock that schema creation takes, so a store's first use waits.</summary>
    public Task<IAsyncDisposable> HoldSchemaLockAsync() => HoldAsync($"SELECT pg_advisory_xact_lock(hashtextextended('sessiongen:{Name}', 0));");

    private async Task<IAsyncDisposable> HoldAsync(string sql)
    {
        NpgsqlConnection connection = await OpenAdminAsync();
        NpgsqlTransaction transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new Held(connection, transaction);
    }

    /// <summary>
    /// Waits until some backend of the stores waits for a lock (a writer stuck behind <see cref="HoldWriteLockAsync"/>)
    /// and returns its process id. Each check is one query; the loop is bounded, not timed.
    /// </summary>
    public async Task<int> WaitForBlockedBackendAsync()
    {
        for (int check = 0; check < 100_000; check++)
        {
            object? pid = await ScalarAsync(
                $"SELECT pid FROM pg_stat_activity WHERE application_name = '{ApplicationName}' AND wait_event_type = 'Lock' LIMIT 1;");
            if (pid is int found)
            {
                return found;
            }

            await Task.Yield();
        }

        throw new TimeoutException("No backend of the store ever waited for the lock.");
    }

    /// <summary>Ends the backends of the stores (as pg_terminate_backend by an administrator, or a failover, would); returns how many.</summary>
    public async Task<long> KillStoreBackendsAsync(int? pid = null)
    {
        string which = pid is { } one ? $"pid = {one}" : $"application_name = '{ApplicationName}'";
        return (long)(await ScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE {which};"))!;
    }

    public async ValueTask DisposeAsync()
    {
        await ScalarAsync($"DROP SCHEMA IF EXISTS {Name} CASCADE;");
    }

    private sealed class Held(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
