using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SessionGen.Benchmarks.Durability;

/// <summary>
/// The floors: Microsoft.Data.Sqlite by hand, with the store's settings (WAL, synchronous=FULL) and one writer thread
/// fed by a channel, upserting (process, id, version, data) with one prepared statement, no version check and no keys.
/// <c>batched</c>: (a) every pending write (up to 1,000) in one transaction; otherwise (b) one transaction per write.
/// </summary>
public sealed class RawSqliteWriter : IDurableWriter
{
    private const int MaxBatch = 1_000;
    private readonly Channel<(SessionRecord Record, TaskCompletionSource Done)> queue =
        Channel.CreateUnbounded<(SessionRecord, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Thread writer;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SqliteConnection connection;
    private readonly bool batched;

    /// <summary>Creates the table in a new file at <paramref name="path"/> and starts the writer.</summary>
    public RawSqliteWriter(string path, bool batched)
    {
        this.batched = batched;
        connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute("PRAGMA journal_mode = WAL;");
        Execute("PRAGMA synchronous = FULL;");
        Execute("CREATE TABLE sessions (process TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (process, id));");
        writer = new Thread(Run) { IsBackground = true, Name = "raw sqlite writer" };
        writer.Start();
    }

    /// <inheritdoc/>
    public ValueTask WriteAsync(SessionRecord record)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((record, done)))
        {
            throw new ObjectDisposedException(nameof(RawSqliteWriter));
        }

        return new ValueTask(done.Task);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopped.Task;
        connection.Dispose();
    }

    private void Run()
    {
        using SqliteCommand upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO sessions (process, id, version, data) VALUES ($process, $id, $version, $data) " +
                             "ON CONFLICT (process, id) DO UPDATE SET version = excluded.version, data = excluded.data;";
        SqliteParameter process = upsert.Parameters.Add(new SqliteParameter { ParameterName = "$process" });
        SqliteParameter id = upsert.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        SqliteParameter version = upsert.Parameters.Add(new SqliteParameter { ParameterName = "$version" });
        SqliteParameter data = upsert.Parameters.Add(new SqliteParameter { ParameterName = "$data" });
        upsert.Prepare();

        var batch = new List<TaskCompletionSource>(MaxBatch);
        ChannelReader<(SessionRecord Record, TaskCompletionSource Done)> reader = queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            using (SqliteTransaction transaction = connection.BeginTransaction(deferred: false))
            {
                upsert.Transaction = transaction;
                while (batch.Count < (batched ? MaxBatch : 1) && reader.TryRead(out var write))
                {
                    process.Value = write.Record.Process;
                    id.Value = write.Record.Id.Value;
                    version.Value = write.Record.Version;
                    data.Value = MemoryMarshal.TryGetArray(write.Record.Data, out ArraySegment<byte> array) ? array.Array : write.Record.Data.ToArray();
                    upsert.ExecuteNonQuery();
                    batch.Add(write.Done);
                }

                transaction.Commit();
            }

            foreach (TaskCompletionSource done in batch)
            {
                done.TrySetResult();
            }

            batch.Clear();
        }

        stopped.TrySetResult();
    }

    private void Execute(string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
