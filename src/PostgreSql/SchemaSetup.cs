using Npgsql;

namespace SessionGen;

/// <summary>Creates the store's schema and tables on first use, once, whatever the number of processes starting together.</summary>
internal static class SchemaSetup
{
    public static async Task EnsureAsync(NpgsqlDataSource dataSource, StoreSql sql, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The common case, every start but the first: the tables are there, no lock taken.
            if (Check(sql, await ReadVersionAsync(connection, sql, cancellationToken).ConfigureAwait(false)))
            {
                return;
            }

            // Processes that start together queue here; the first creates, the others then find version 1. A session lock,
            // taken before the transaction: a transaction that began before the wait could look the tables up in catalog
            // caches that predate the other's commit (an advisory lock does not refresh them), and create them again.
            await ScalarAsync(connection, "SELECT pg_advisory_lock(hashtextextended($1, 0));", cancellationToken, sql.SchemaLockKey).ConfigureAwait(false);
            try
            {
                NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    if (!Check(sql, await ReadVersionAsync(connection, sql, cancellationToken).ConfigureAwait(false)))
                    {
                        // Only when missing: CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even when it
                        // exists, which an application role given a schema by its administrator does not have.
                        if (await ScalarAsync(connection, "SELECT to_regnamespace($1) IS NULL;", cancellationToken, sql.Schema).ConfigureAwait(false) is true)
                        {
                            await ScalarAsync(connection, $"CREATE SCHEMA {sql.Schema};", cancellationToken).ConfigureAwait(false);
                        }

                        await ScalarAsync(connection, sql.CreateVersion1, cancellationToken).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                // A broken connection has lost the lock with its session; a pooled one is reset (advisory locks
                // included) before its next use anyway.
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await ScalarAsync(connection, "SELECT pg_advisory_unlock(hashtextextended($1, 0));", CancellationToken.None, sql.SchemaLockKey).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>True when the tables of this version are there, false when there are none; throws for another version.</summary>
    private static bool Check(StoreSql sql, int? version) => version switch
    {
        null => false,
        StoreSql.Version => true,
        _ => throw new NotSupportedException(
            $"The session store in schema '{sql.Schema}' has schema version {version}; this SessionGen.PostgreSql reads version {StoreSql.Version} only."),
    };

    private static async Task<int?> ReadVersionAsync(NpgsqlConnection connection, StoreSql sql, CancellationToken cancellationToken)
    {
        if (await ScalarAsync(connection, "SELECT to_regclass($1) IS NULL;", cancellationToken, $"{sql.Schema}.store_schema").ConfigureAwait(false) is true)
        {
            return null;
        }

        return await ScalarAsync(connection, sql.ReadVersion, cancellationToken).ConfigureAwait(false) switch
        {
            int version => version,
            _ => throw new NotSupportedException($"The session store in schema '{sql.Schema}' has a damaged store_schema table (no version row)."),
        };
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string text, CancellationToken cancellationToken, params object[] parameters)
    {
        NpgsqlCommand command = new(text, connection);
        await using (command.ConfigureAwait(false))
        {
            foreach (object parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter });
            }

            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
