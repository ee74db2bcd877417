using Microsoft.Data.Sqlite;

namespace SessionGen.Sqlite.Tests;

/// <summary>A database file of its own for one test, deleted (with its WAL and shared-memory files) afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sessiongen-sqlite-{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    /// <summary>
    /// Takes the database's write lock from a connection of its own, as another process could: the store's writer
    /// waits at its next BEGIN until the returned object is disposed. Lets a test queue writes behind a busy writer
    /// without timing anything.
    /// </summary>
    public IDisposable HoldWriteLock()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        var transaction = connection.BeginTransaction(deferred: false);
        return new Lock(connection, transaction);
    }

    public void Dispose()
    {
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }

    private sealed class Lock(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
    {
        public void Dispose()
        {
            transaction.Rollback();
            transaction.Dispose();
            connection.Dispose();
        }
    }
}
