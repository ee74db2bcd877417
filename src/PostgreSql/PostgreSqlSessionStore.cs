using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace SessionGen;

/// <summary>
/// An <see cref="ISessionStore"/> in PostgreSQL: the durable store that every process of a cluster reaches, so that a
/// session outlives the process that ran it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Schema.</b> The tables (<c>sessions</c>, <c>keys</c> and <c>store_schema</c>, in the schema that
/// <see cref="PostgreSqlSessionStoreOptions.Schema"/> names, <c>sessiongen</c> by default) are created on first use, once
/// even when several processes start together (they queue on an advisory lock); a schema whose version is newer than this
/// build is refused with <see cref="NotSupportedException"/>. A write whose task has completed was committed.
/// </para>
/// <para>
/// <b>Several processes.</b> Stores of many processes may share one database and one schema: a record is stored only if
/// its version is one more than the stored one, checked by the database in the statement that writes it, so of two
/// processes writing one session the second gets <see cref="SessionStoreConflictException"/>.
/// </para>
/// <para>
/// <b>Group commit.</b> Every <see cref="WriteAsync"/> is queued; when the writer is free it takes all the queued writes
/// (up to <see cref="PostgreSqlSessionStoreOptions.MaxBatchSize"/>) and commits them in one transaction, sent in one round
/// trip, in the order they were queued. A lone write is committed at once: the writer never waits for a batch to fill. A
/// record whose version does not follow the stored one fails alone; the rest of its batch commits. A batch that fails
/// before its COMMIT is sent (a deadlock with another process, a killed or broken connection) is tried again on a new
/// connection, up to three times; one that fails during its COMMIT fails, as its outcome is unknown.
/// </para>
/// <para>
/// <b>Correlation keys.</b> Each write replaces the keys the session holds; an ended session holds none. Should a record
/// list a key that another live session holds, the store gives the key to the session written last; it never refuses a
/// write because of a key. Text PostgreSQL cannot store (a NUL character, a lone surrogate) in a record's process, id or
/// keys is refused by <see cref="WriteAsync"/> with <see cref="ArgumentException"/>, before it can fail a batch.
/// </para>
/// <para>
/// Reads use pooled connections and see the last committed state. <see cref="SessionRecord.WakeUpAt"/> is stored as UTC
/// ticks: it reads back as the same instant, with offset zero.
/// </para>
/// </remarks>
public sealed class PostgreSqlSessionStore : ISessionStore, IAsyncDisposable
{
    private readonly PostgreSqlSessionStoreOptions options;
    private readonly StoreSql sql;
    private readonly NpgsqlDataSource dataSource;
    private readonly BatchWriter batchWriter;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly object gate = new();
    private Task? schema;
    private Task? writer;
    private Task? disposal;

    /// <summary>Creates a store over the database that <paramref name="connectionString"/> names, in schema <c>sessiongen</c>.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example <c>Host=db;Database=app;Username=app;Password=…</c>.</param>
    /// <exception cref="ArgumentException">The connection string is empty or not a valid Npgsql connection string.</exception>
    public PostgreSqlSessionStore(string connectionString)
        : this(new PostgreSqlSessionStoreOptions { ConnectionString = connectionString })
    {
    }

    /// <summary>Creates a store with <paramref name="options"/>. Nothing is opened before the first read or write.</summary>
    /// <param name="options">The connection string, the schema and the largest batch.</param>
    /// <exception cref="ArgumentException">The connection string is empty or not a valid Npgsql connection string.</exception>
    public PostgreSqlSessionStore(PostgreSqlSessionStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ConnectionString, nameof(options));
        this.options = options;
        sql = new StoreSql(options.Schema);
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The store runs the same few statements for its whole life: let Npgsql prepare them on each connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        }

        dataSource = builder.Build();
        batchWriter = new BatchWriter(dataSource, sql, () => EnsureSchemaAsync(CancellationToken.None));
    }

    /// <summary>The number of batch transactions the writer has committed (the schema's own not counted).</summary>
    internal long TransactionCount => batchWriter.TransactionCount;

    /// <summary>The number of batches the writer tried again after a failure before their COMMIT.</summary>
    internal long RetryCount => batchWriter.RetryCount;

    /// <summary>Queues <paramref name="record"/> and completes once the transaction holding it has committed.</summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> cancels the write only while it is still queued: a cancelled write was not
    /// stored. Once the writer has taken it into a transaction, it completes with that transaction's outcome.
    /// </remarks>
    /// <exception cref="ArgumentException">The record's process, id or keys hold a NUL character or a lone surrogate.</exception>
    /// <exception cref="SessionStoreConflictException">The record's version is not one more than the stored one (or not 1 for a new session).</exception>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    /// <exception cref="NpgsqlException">The database failed the transaction (after the tries described in the remarks of <see cref="PostgreSqlSessionStore"/>).</exception>
    public ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(record.Process, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Keys, nameof(record));
        RecordText.Check(record);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (!TryStartWriter())
        {
            return ValueTask.FromException(Disposed());
        }

        var write = new PendingWrite(record);
        write.CancelWith(cancellationToken);
        if (!queue.Writer.TryWrite(write))
        {
            // Disposed between TryStartWriter and here: the writer will never see this one.
            write.Fail(Disposed());
        }

        return new ValueTask(write.Task);
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public async ValueTask<SessionRecord?> ReadAsync(string process, SessionId id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        if (!RecordText.IsStorable(process) || !RecordText.IsStorable(id.Value))
        {
            return null; // never stored: no record holds it
        }

        NpgsqlCommand command = dataSource.CreateCommand(sql.Read);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = process });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = id.Value });
            NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                string[] keySets = reader.GetFieldValue<string[]>(3);
                string[] keyValues = reader.GetFieldValue<string[]>(4);
                var keys = new CorrelationKey[keySets.Length];
                for (int i = 0; i < keys.Length; i++)
                {
                    keys[i] = new CorrelationKey(keySets[i], keyValues[i]);
                }

                return new SessionRecord(
                    process,
                    id,
                    reader.GetInt64(0),
                    reader.GetBoolean(1),
                    reader.GetFieldValue<byte[]>(2),
                    keys,
                    reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero));
            }
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public async ValueTask<SessionId?> FindAsync(string process, CorrelationKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        if (!RecordText.IsStorable(process) || !RecordText.IsStorable(key.Set) || !RecordText.IsStorable(key.Value))
        {
            return null; // never stored: no session holds it
        }

        NpgsqlCommand command = dataSource.CreateCommand(sql.Find);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = process });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = key.Set ?? "" });
            command.Parameters.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = key.Value ?? "" });
            object? id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return id is string text ? new SessionId(text) : null;
        }
    }

    /// <inheritdoc/>
    /// <remarks>Earliest first. The list is the state of one moment (one statement); writes committed meanwhile are not in it.</remarks>
    /// <exception cref="ObjectDisposedException">The store has been disposed.</exception>
    public async IAsyncEnumerable<SessionWakeUp> ReadWakeUpsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlCommand command = dataSource.CreateCommand(sql.WakeUps);
        await using (command.ConfigureAwait(false))
        {
            NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Rows Npgsql has already buffered are read without looking at the token.
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new SessionWakeUp(
                        reader.GetString(0),
                        new SessionId(reader.GetString(1)),
                        new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero));
                }
            }
        }
    }

    /// <summary>
    /// Stops accepting writes (a later <see cref="WriteAsync"/> faults with <see cref="ObjectDisposedException"/>),
    /// commits the ones already queued, and closes the store's connections. Every write's task has completed or faulted
    /// when this completes.
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
            await writer.ConfigureAwait(false);
        }

        await batchWriter.DisposeAsync().ConfigureAwait(false);
        await dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static ObjectDisposedException Disposed() => new(nameof(PostgreSqlSessionStore));

    private async Task BeforeReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref disposal) is not null)
        {
            throw Disposed();
        }

        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the tables once per store. A failed attempt (the database unreachable, say) is not remembered: the next
    /// read or batch tries again. A caller's cancellation stops its wait, not the creation others may wait for.
    /// </summary>
    private Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        Task task;
        lock (gate)
        {
            if (schema is null || schema.IsFaulted || schema.IsCanceled)
            {
                schema = SchemaSetup.EnsureAsync(dataSource, sql, CancellationToken.None);
            }

            task = schema;
        }

        return task.IsCompletedSuccessfully ? task : task.WaitAsync(cancellationToken);
    }

    /// <summary>Starts the writer loop on first write.</summary>
    private bool TryStartWriter()
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

            writer ??= Task.Run(RunWriterAsync);
            return true;
        }
    }

    private async Task RunWriterAsync()
    {
        try
        {
            ChannelReader<PendingWrite> reader = queue.Reader;
            var batch = new List<PendingWrite>(Math.Min(options.MaxBatchSize, 4_096));
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
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
                    await batchWriter.CommitAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Not expected (CommitAsync reports its own failures): close the queue so nothing waits for a writer that is gone.
            queue.Writer.TryComplete(exception);
            while (queue.Reader.TryRead(out PendingWrite? write))
            {
                write.Fail(exception);
            }
        }
    }
}
