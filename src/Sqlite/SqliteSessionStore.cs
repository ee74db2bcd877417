using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SessionGen;

/// <summary>
/// An <see cref="ISessionStore"/> in one SQLite file: the embedded durable store of SessionGen.
/// </summary>
/// <remarks>
/// <para>
/// The database is put in WAL journal mode and every connection of the writer runs with <c>synchronous=FULL</c>
/// unless <see cref="SqliteSessionStoreOptions.Synchronous"/> says otherwise, so a write whose task has completed is on
/// the disk. The schema (tables <c>sessions</c> and <c>keys</c>) is created on first use and versioned with
/// <c>PRAGMA user_version</c>; a file whose schema is newer than this build is refused with <see cref="NotSupportedException"/>.
/// </para>
/// <para>
/// <b>Group commit.</b> One writer thread owns one connection. Every <see cref="WriteAsync"/> is queued; when the writer
/// is free it takes all the queued writes (up to <see cref="SqliteSessionStoreOptions.MaxBatchSize"/>) and commits them
/// in one transaction, in the order they were queued, then completes their tasks. A lone write is committed at once:
/// the writer never waits for a batch to fill. A record whose version does not follow the stored one fails alone with
/// <see cref="SessionStoreConflictException"/>; the rest of its batch commits.
/// </para>
/// <para>
/// <b>Correlation keys.</b> Each write replaces the keys the session holds; an ended session holds none. The runtime
/// keeps keys unique among live sessions; should a record list a key that another live session holds, the store gives
/// the key to the session written last (the other session keeps its record, but <see cref="FindAsync"/> no longer
/// leads to it by that key). It never refuses a write because of a key.
/// </para>
/// <para>
/// Reads use their own pooled connections and see the last committed state (WAL: the writer does not block them).
/// <see cref="SessionRecord.WakeUpAt"/> is stored as UTC ticks: it reads back as the same instant, with offset zero.
/// The data source must be a file: an in-memory database is refused.
/// </para>
/// </remarks>
public sealed class SqliteSessionStore : ISessionStore, IAsyncDisposable
{
    private readonly string writerConnectionString;
    private readonly string readerConnectionString;
    private readonly SqliteSessionStoreOptions options;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private Thread? writer;
    private Task? disposal;
    private long transactions;

    /// <summary>Creates a store over the SQLite file that <paramref name="connectionString"/> names, with the default options.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=sessions.db</c>.</param>
    /// <exception cref="ArgumentException">The connection string names no file (empty, <c>:memory:</c>, <c>Mode=Memory</c>) or is read-only.</exception>
    public SqliteSessionStore(string connectionString)
        : this(connectionString, new SqliteSessionStoreOptions())
    {
    }

    /// <summary>Creates a store over the SQLite file that <paramref name="connectionString"/> names.</summary>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string, for example <c>Data Source=sessions.db</c>.</param>
    /// <param name="options">The durability of commits and the largest batch.</param>
    /// <exception cref="ArgumentException">The connection string names no file (empty, <c>:memory:</c>, <c>Mode=Memory</c>) or is read-only.</exception>
    public SqliteSessionStore(string connectionString, SqliteSessionStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("SqliteSessionStore needs a database file; an in-memory database is not durable.", nameof(connectionString));
        }

        if (builder.Mode == SqliteOpenMode.ReadOnly)
        {
            throw new ArgumentException("SqliteSessionStore writes to its database; the connection string opens it read-only.", nameof(connectionString));
        }

        this.options = options;

        // The writer's connection lives as long as the store: no pool, so closing it closes the file.
        builder.Pooling = false;
        writerConnectionString = builder.ToString();

        // Readers come and go: pooled, and unable to write by mistake.
        builder.Pooling = true;
        builder.Mode = SqliteOpenMode.ReadOnly;
        readerConnectionString = builder.ToString();
    }

    /// <summary>The number of batch transactions the writer has committed (the schema's own not counted).</summary>
    internal long TransactionCount => Interlocked.Read(ref transactions);

    /// <summary>
    /// Queues <paramref name="record"/> and completes once the transaction holding it has committed (with
    /// <c>synchronous=FULL</c>: once it is on the disk).
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> cancels the write only while it is still queued: a cancelled write was not
    /// stored. Once the writer has taken it into a transaction, it completes with that transaction's outcome.
    /// </remarks>
    /// <exception cref="SessionStoreConflictException">The record's version is not one more than the stored one (or not 1 for a new session).</exception>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Process, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Keys, nameof(record));
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (!TryStart())
        {
            return ValueTask.FromException(Disposed());
        }

        var write = new PendingWrite(record);
        write.CancelWith(cancellationToken);
        if (!queue.Writer.TryWrite(write))
        {
            // Disposed between TryStart and here: the writer will never see this one.
            write.Fail(Disposed());
        }

        return new ValueTask(write.Task);
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        SqliteConnection connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SqliteCommand command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Schema.Read;
                command.Parameters.AddWithValue("$process", process);
                command.Parameters.AddWithValue("$id", id.Value);
                SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    return new SessionRecord(
                        process,
                        id,
                        reader.GetInt64(0),
                        reader.GetInt64(1) != 0,
                        reader.GetFieldValue<byte[]>(2),
                        KeyList.Decode(reader.GetString(3)),
                        reader.IsDBNull(4) ? null : new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero));
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public async ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        SqliteConnection connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SqliteCommand command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Schema.Find;
                command.Parameters.AddWithValue("$process", process);
                command.Parameters.AddWithValue("$set", key.Set ?? "");
                command.Parameters.AddWithValue("$value", key.Value ?? "");
                object? id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return id is string text ? new SessionId(text) : null;
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>Earliest first. The list is the state of one moment (one read transaction); writes committed meanwhile are not in it.</remarks>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public async IAsyncEnumerable<SessionWakeUp> ReadWakeUpsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SqliteConnection connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            SqliteCommand command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = Schema.WakeUps;
                SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        yield return new SessionWakeUp(
                            reader.GetString(0),
                            new SessionId(reader.GetString(1)),
                            new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Stops accepting writes (a later <see cref="WriteAsync"/> faults with <see cref="ObjectDisposedException"/>),
    /// commits the ones already queued, and closes the database. Every write's task has completed or faulted when this
    /// completes.
    /// </summary>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            disposal ??= DisposeCoreAsync();
            return new ValueTask(disposal);
        }
    }

    private async Task DisposeCoreAsync()
    {
        // Under the gate: no writer starts after this, and no write is accepted after the channel closes.
        queue.Writer.TryComplete();
        if (writer is not null)
        {
            await stopped.Task.ConfigureAwait(false);
        }

        using var reader = new SqliteConnection(readerConnectionString);
        SqliteConnection.ClearPool(reader);
    }

    private static ObjectDisposedException Disposed() => new(nameof(SqliteSessionStore));

    /// <summary>Starts the writer thread (which opens the database and creates the schema) on first use.</summary>
    private bool TryStart()
    {
        if (Volatile.Read(ref writer) is not null)
        {
            return true;
        }

        lock (gate)
        {
            if (disposal is not null)
            {
                return false;
            }

            if (writer is null)
            {
                var thread = new Thread(RunWriter) { IsBackground = true, Name = "SessionGen.Sqlite writer" };
                thread.Start();
                Volatile.Write(ref writer, thread);
            }

            return true;
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref disposal) is not null || !TryStart())
        {
            throw Disposed();
        }

        await ready.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(readerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void RunWriter()
    {
        SqliteConnection? connection = null;
        WriterCommands? commands = null;
        Exception? failure = null;
        try
        {
            try
            {
                connection = OpenWriter();
                commands = new WriterCommands(connection);
                ready.TrySetResult();
            }
            catch (Exception exception)
            {
                // Every write then fails with the reason, and so does every read.
                failure = exception;
                ready.TrySetException(exception);
                _ = ready.Task.Exception;
            }

            ChannelReader<PendingWrite> reader = queue.Reader;
            var batch = new List<PendingWrite>(Math.Min(options.MaxBatchSize, 4_096));
            while (WaitToRead(reader))
            {
                while (batch.Count < options.MaxBatchSize && reader.TryRead(out PendingWrite? write))
                {
                    if (write.TryTake())
                    {
                        batch.Add(write);
                    }
                }

                if (batch.Count > 0)
                {
                    if (commands is null)
                    {
                        FailAll(batch, failure!);
                    }
                    else
                    {
                        Commit(connection!, commands, batch);
                    }

                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected (Commit reports its own failures): close the queue so nothing waits for a writer that is gone.
            queue.Writer.TryComplete(exception);
            while (queue.Reader.TryRead(out PendingWrite? write))
            {
                write.Fail(exception);
            }
        }
        finally
        {
            commands?.Dispose();
            connection?.Dispose();
            stopped.TrySetResult();
        }
    }

    private static bool WaitToRead(ChannelReader<PendingWrite> reader)
    {
        ValueTask<bool> wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(writerConnectionString);
        try
        {
            connection.Open();
            string? mode = Execute(connection, "PRAGMA journal_mode = WAL;") as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for '{connection.DataSource}' (it is '{mode}').");
            }

            Execute(connection, options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous = FULL;" : "PRAGMA synchronous = NORMAL;");

            // BEGIN IMMEDIATE: two stores opening one new file create the schema once.
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            long version = (long)Execute(connection, "PRAGMA user_version;", transaction)!;
            if (version == 0)
            {
                Execute(connection, Schema.CreateVersion1, transaction);
            }
            else if (version != Schema.Version)
            {
                throw new NotSupportedException(
                    $"The session store '{connection.DataSource}' has schema version {version}; this SessionGen.Sqlite reads version {Schema.Version} only.");
            }

            transaction.Commit();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static object? Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    private void Commit(SqliteConnection connection, WriterCommands commands, List<PendingWrite> batch)
    {
        try
        {
            using (SqliteTransaction transaction = connection.BeginTransaction(deferred: false))
            {
                commands.Enlist(transaction);
                foreach (PendingWrite write in batch)
                {
                    if (!commands.Apply(write.Record))
                    {
                        write.Conflict = new SessionStoreConflictException(write.Record.Process, write.Record.Id, write.Record.Version);
                    }
                }

                transaction.Commit();
            }

            Interlocked.Increment(ref transactions);
        }
        catch (Exception exception)
        {
            // The transaction rolled back (disposed without commit): none of the batch is stored.
            FailAll(batch, exception);
            return;
        }

        foreach (PendingWrite write in batch)
        {
            if (write.Conflict is { } conflict)
            {
                write.Fail(conflict);
            }
            else
            {
                write.Succeed();
            }
        }
    }

    private static void FailAll(List<PendingWrite> batch, Exception exception)
    {
        foreach (PendingWrite write in batch)
        {
            write.Fail(exception);
        }
    }

    /// <summary>The writer's prepared statements, reused for every write of every batch.</summary>
    private sealed class WriterCommands : IDisposable
    {
        private readonly SqliteCommand insertFirst;
        private readonly SqliteCommand updateNext;
        private readonly SqliteCommand insertKey;

        public WriterCommands(SqliteConnection connection)
        {
            insertFirst = Prepare(connection, Schema.InsertFirst, "$process", "$id", "$ended", "$data", "$keys", "$wake_up_at");
            updateNext = Prepare(connection, Schema.UpdateNext, "$process", "$id", "$ended", "$data", "$keys", "$wake_up_at", "$version");
            insertKey = Prepare(connection, Schema.InsertKey, "$process", "$id", "$set", "$value");
        }

        public void Enlist(SqliteTransaction transaction)
        {
            insertFirst.Transaction = transaction;
            updateNext.Transaction = transaction;
            insertKey.Transaction = transaction;
        }

        /// <summary>
        /// Stores the record if its version follows the stored one; false (and nothing changed) otherwise. The update
        /// drops the session's previous keys (trigger <c>sessions_drop_keys</c>); its current ones are inserted here.
        /// </summary>
        public bool Apply(SessionRecord record)
        {
            string id = record.Id.Value;
            SqliteCommand upsert = record.Version == 1 ? insertFirst : updateNext;
            SqliteParameterCollection p = upsert.Parameters;
            p[0].Value = record.Process;
            p[1].Value = id;
            p[2].Value = record.Ended ? 1L : 0L;
            p[3].Value = AsArray(record.Data);
            p[4].Value = KeyList.Encode(record.Keys);
            p[5].Value = record.WakeUpAt is { } due ? due.UtcTicks : DBNull.Value;
            if (record.Version != 1)
            {
                p[6].Value = record.Version;
            }

            if (upsert.ExecuteNonQuery() != 1)
            {
                return false;
            }

            if (!record.Ended && record.Keys.Count > 0)
            {
                SqliteParameterCollection k = insertKey.Parameters;
                k[0].Value = record.Process;
                k[1].Value = id;
                foreach (CorrelationKey key in record.Keys)
                {
                    k[2].Value = key.Set ?? "";
                    k[3].Value = key.Value ?? "";
                    insertKey.ExecuteNonQuery();
                }
            }

            return true;
        }

        public void Dispose()
        {
            insertFirst.Dispose();
            updateNext.Dispose();
            insertKey.Dispose();
        }

        // The record's own array when Data covers all of it (the common case): bound for the batch, which ends before
        // the caller's task completes and it may reuse the buffer.
        private static byte[] AsArray(ReadOnlyMemory<byte> data) =>
            MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : data.ToArray();

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
        {
            SqliteCommand command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (string name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }
    }
}
