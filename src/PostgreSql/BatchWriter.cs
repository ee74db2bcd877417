using Npgsql;
using NpgsqlTypes;

namespace SessionGen;

/// <summary>
/// Commits batches of queued writes, one transaction each, on a connection of its own that it replaces when it breaks.
/// Used by one writer loop at a time (not thread-safe); its counters are read by tests from any thread.
/// </summary>
internal sealed class BatchWriter(NpgsqlDataSource dataSource, StoreSql sql, Func<Task> ensureSchema) : IAsyncDisposable
{
    /// <summary>
    /// Tries of one batch when it fails before its COMMIT was sent (it then certainly did not commit, so trying again
    /// stores nothing twice): a deadlock with another process's batch, a connection killed or broken.
    /// </summary>
    private const int MaxAttempts = 3;

    private NpgsqlConnection? connection;
    private long transactions;
    private long retries;

    /// <summary>The number of batch transactions committed.</summary>
    public long TransactionCount => Interlocked.Read(ref transactions);

    /// <summary>The number of batches tried again after a failure before their COMMIT.</summary>
    public long RetryCount => Interlocked.Read(ref retries);

    /// <summary>
    /// Stores the batch in one transaction and completes each write with its outcome: stored, refused alone for its
    /// version (<see cref="SessionStoreConflictException"/>), or failed with the rest of the batch.
    /// </summary>
    /// <remarks>
    /// A failure while the COMMIT is under way leaves the outcome unknown (the server may have committed): the writes then
    /// fail with that failure and are not tried again, so a stored record is never written twice.
    /// </remarks>
    public async Task CommitAsync(List<PendingWrite> batch)
    {
        for (int attempt = 1; ; attempt++)
        {
            bool committing = false;
            try
            {
                await ensureSchema().ConfigureAwait(false);
                connection ??= await dataSource.OpenConnectionAsync().ConfigureAwait(false);
                bool[] stored;
                NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    stored = await ApplyAsync(connection, transaction, batch).ConfigureAwait(false);
                    committing = true;
                    await transaction.CommitAsync().ConfigureAwait(false);
                }

                Interlocked.Increment(ref transactions);
                for (int i = 0; i < batch.Count; i++)
                {
                    SessionRecord record = batch[i].Record;
                    if (stored[i])
                    {
                        batch[i].Succeed();
                    }
                    else
                    {
                        batch[i].Fail(new SessionStoreConflictException(record.Process, record.Id, record.Version));
                    }
                }

                return;
            }
            catch (Exception exception)
            {
                // Whatever broke, the next try (or batch) starts on a fresh connection; a healthy one goes back to the pool.
                await DropConnectionAsync().ConfigureAwait(false);
                if (!committing && attempt < MaxAttempts && IsWorthRetrying(exception))
                {
                    Interlocked.Increment(ref retries);
                    continue;
                }

                foreach (PendingWrite write in batch)
                {
                    write.Fail(exception);
                }

                return;
            }
        }
    }

    public ValueTask DisposeAsync() => DropConnectionAsync();

    /// <summary>Sends every record of the batch in one round trip; true for each record stored, false for a conflict.</summary>
    private async Task<bool[]> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingWrite> batch)
    {
        NpgsqlBatch commands = new(connection, transaction);
        await using (commands.ConfigureAwait(false))
        {
            int[] order = KeyOrder.Of(batch);
            foreach (int index in order)
            {
                commands.BatchCommands.Add(Command(batch[index].Record));
            }

            var stored = new bool[batch.Count];
            NpgsqlDataReader reader = await commands.ExecuteReaderAsync().ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                foreach (int index in order)
                {
                    if (!await reader.ReadAsync().ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("A write statement returned no row.");
                    }

                    stored[index] = reader.GetInt64(0) == 1;
                    await reader.NextResultAsync().ConfigureAwait(false);
                }
            }

            return stored;
        }
    }

    private NpgsqlBatchCommand Command(SessionRecord record)
    {
        var keySets = new string[record.Keys.Count];
        var keyValues = new string[record.Keys.Count];
        for (int i = 0; i < keySets.Length; i++)
        {
            keySets[i] = record.Keys[i].Set ?? "";
            keyValues[i] = record.Keys[i].Value ?? "";
        }

        var command = new NpgsqlBatchCommand(record.Version == 1 ? sql.InsertFirst : sql.UpdateNext);
        NpgsqlParameterCollection p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Process });
        p.Add(new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = record.Id.Value });
        p.Add(new NpgsqlParameter<bool> { NpgsqlDbType = NpgsqlDbType.Boolean, TypedValue = record.Ended });

        // Bound as is (no copy): the batch is sent before the caller's task completes and it may reuse the buffer.
        p.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>{ NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = record.Data });
        p.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = keySets });
        p.Add(new NpgsqlParameter<string[]> { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, TypedValue = keyValues });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = record.WakeUpAt is { } due ? due.UtcTicks : DBNull.Value });
        if (record.Version != 1)
        {
            p.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = record.Version });
        }

        return command;
    }

    private static bool IsWorthRetrying(Exception exception) => exception switch
    {
        // 40001 serialization failure, 40P01 deadlock; 57P01-03 the server (or an administrator) ended the session;
        // class 08 connection exceptions. None of them left anything committed.
        PostgresException postgres => postgres.IsTransient
            || postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            || postgres.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private async ValueTask DropConnectionAsync()
    {
        if (connection is { } dropped)
        {
            connection = null;
            try
            {
                await dropped.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or ObjectDisposedException)
            {
                // A broken connection may fail to close; it is gone either way.
            }
        }
    }
}
