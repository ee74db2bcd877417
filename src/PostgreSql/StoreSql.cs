namespace SessionGen;

/// <summary>
/// The store's SQL for one schema. Parameters are positional (<c>$1</c>…), so Npgsql sends the text unchanged and
/// auto-prepares it. Correlation keys travel as two parallel arrays (sets, values): one statement per record, whatever
/// the number of keys.
/// </summary>
internal sealed class StoreSql
{
    /// <summary>The schema version this build writes and reads (table <c>store_schema</c>).</summary>
    public const int Version = 1;

    public StoreSql(string schema)
    {
        Schema = schema;
        string s = schema;

        // Taken by every process that may create the tables, so that they are created once: the key is derived from the
        // schema name, so stores in other schemas of one database do not wait for each other.
        SchemaLockKey = $"sessiongen:{s}";

        ReadVersion = $"SELECT version FROM {s}.store_schema;";

        CreateVersion1 = $"""
            CREATE TABLE {s}.sessions (
                process    text    NOT NULL,
                id         text    NOT NULL,
                version    bigint  NOT NULL,
                ended      boolean NOT NULL,
                data       bytea   NOT NULL,
                key_sets   text[]  NOT NULL,
                key_values text[]  NOT NULL,
                wake_up_at bigint  NULL,
                PRIMARY KEY (process, id)
            );
            COMMENT ON COLUMN {s}.sessions.wake_up_at IS 'UTC ticks (100 ns since 0001-01-01): exact, where timestamptz keeps microseconds';
            CREATE INDEX sessions_by_wake_up ON {s}.sessions (wake_up_at) WHERE wake_up_at IS NOT NULL AND NOT ended;
            CREATE TABLE {s}.keys (
                process   text NOT NULL,
                key_set   text NOT NULL,
                key_value text NOT NULL,
                id        text NOT NULL,
                PRIMARY KEY (process, key_set, key_value)
            );
            CREATE INDEX keys_by_session ON {s}.keys (process, id);
            CREATE TABLE {s}.store_schema (version integer NOT NULL);
            INSERT INTO {s}.store_schema (version) VALUES (1);
            """;

        // $1 process, $2 id, $3 ended, $4 data, $5 key sets, $6 key values, $7 wake-up ticks. Returns 1 when stored,
        // 0 when the session already exists (a conflict). A new session held no keys: its keys are only inserted; one that
        // another live session holds moves to this one (see PostgreSqlSessionStore remarks).
        InsertFirst = $"""
            WITH stored AS (
                INSERT INTO {s}.sessions (process, id, version, ended, data, key_sets, key_values, wake_up_at)
                VALUES ($1, $2, 1, $3, $4, $5, $6, $7)
                ON CONFLICT (process, id) DO NOTHING
                RETURNING 1
            ), taken AS (
                INSERT INTO {s}.keys (process, key_set, key_value, id)
                SELECT DISTINCT $1, k.key_set, k.key_value, $2
                FROM unnest($5::text[], $6::text[]) AS k (key_set, key_value)
                WHERE NOT $3 AND EXISTS (SELECT FROM stored)
                ON CONFLICT (process, key_set, key_value) DO UPDATE SET id = excluded.id
            )
            SELECT count(*) FROM stored;
            """;

        // As InsertFirst, with $8 the version, stored only if the stored one is $8 - 1. The session's keys that the record
        // no longer lists are deleted and the new ones inserted; the two sets are disjoint, because one statement must not
        // change a row twice (its parts all see the same snapshot). A key that stays costs no row update.
        UpdateNext = $"""
            WITH stored AS (
                UPDATE {s}.sessions
                SET version = $8, ended = $3, data = $4, key_sets = $5, key_values = $6, wake_up_at = $7
                WHERE process = $1 AND id = $2 AND version = $8 - 1
                RETURNING 1
            ), listed AS (
                SELECT DISTINCT k.key_set, k.key_value
                FROM unnest($5::text[], $6::text[]) AS k (key_set, key_value)
                WHERE NOT $3
            ), dropped AS (
                DELETE FROM {s}.keys AS held
                WHERE held.process = $1 AND held.id = $2 AND EXISTS (SELECT FROM stored)
                  AND NOT EXISTS (SELECT FROM listed WHERE listed.key_set = held.key_set AND listed.key_value = held.key_value)
            ), taken AS (
                INSERT INTO {s}.keys AS held (process, key_set, key_value, id)
                SELECT $1, listed.key_set, listed.key_value, $2 FROM listed
                WHERE EXISTS (SELECT FROM stored)
                ON CONFLICT (process, key_set, key_value) DO UPDATE SET id = excluded.id WHERE held.id <> excluded.id
            )
            SELECT count(*) FROM stored;
            """;

        Read = $"SELECT version, ended, data, key_sets, key_values, wake_up_at FROM {s}.sessions WHERE process = $1 AND id = $2;";

        Find = $"SELECT id FROM {s}.keys WHERE process = $1 AND key_set = $2 AND key_value = $3;";

        WakeUps = $"SELECT process, id, wake_up_at FROM {s}.sessions WHERE wake_up_at IS NOT NULL AND NOT ended ORDER BY wake_up_at;";
    }

    public string Schema { get; }

    public string SchemaLockKey { get; }

    public string ReadVersion { get; }

    public string CreateVersion1 { get; }

    public string InsertFirst { get; }

    public string UpdateNext { get; }

    public string Read { get; }

    public string Find { get; }

    public string WakeUps { get; }
}
