using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;

namespace SessionGen.Benchmarks.Durability;

/// <summary>How the durable-session benchmarks make their SessionGen hosts and Akka.Persistence systems.</summary>
public static class DurableHosts
{
    /// <summary>The serializer options of every durable host here: the source-generated context, no reflection.</summary>
    public static readonly JsonSerializerOptions Json = new() { TypeInfoResolver = DurableCounterJson.Default };

    /// <summary>
    /// A host over a new <see cref="SqliteSessionStore"/> (its defaults: WAL, synchronous=FULL, group commit) at
    /// <paramref name="path"/>; <paramref name="passivateAfter"/> defaults to the host's own default (5 minutes).
    /// </summary>
    public static (SessionHost Host, SqliteSessionStore Store) CreateSessionGen(string path, TimeSpan? passivateAfter = null)
    {
        var store = new SqliteSessionStore($"Data Source={path}");
        var options = new SessionHostOptions { Store = store, SerializerOptions = Json };
        if (passivateAfter is { } idle)
        {
            options.PassivateAfter = idle;
        }

        return (new SessionHost(options), store);
    }

    /// <summary>Disposes the host, then the store.</summary>
    public static void Stop(SessionHost host, SqliteSessionStore store)
    {
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// An actor system whose journal and snapshot store are Akka.Persistence.Sql on a new SQLite file at
    /// <paramref name="path"/> (Linq2Db provider "SQLite.MS", Microsoft.Data.Sqlite), every other journal setting at
    /// its default (batch-size 100, parallelism 3, TagTable mode, auto-initialize). The file is put in WAL mode
    /// first (persistent in the file); synchronous is the connections' default, which <see cref="DefaultSynchronous"/>
    /// reads: 2 = FULL with this SQLite build.
    /// </summary>
    public static ActorSystem CreateAkka(string path, string name)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        string connectionString = $"Data Source={path}";
        Config config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = "{{connectionString}}"
                  provider-name = "SQLite.MS"
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = "{{connectionString}}"
                  provider-name = "SQLite.MS"
                }
              }
            }
            """);
        return ActorSystem.Create(name, config);
    }

    /// <summary>What <c>PRAGMA synchronous</c> a fresh Microsoft.Data.Sqlite connection to a WAL file has (0 OFF, 1 NORMAL, 2 FULL).</summary>
    public static long DefaultSynchronous(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA synchronous;";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A path in the temp folder (on the repository's disk here: not a tmpfs).</summary>
    public static string NewPath(string what) => Path.Combine(Path.GetTempPath(), $"sessiongen-{what}-{Guid.NewGuid():N}.db");

    /// <summary>Deletes the database at <paramref name="path"/> with its -wal and -shm files.</summary>
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (string suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
