namespace SessionGen;

/// <summary>The store's tables, versioned with <c>PRAGMA user_version</c>.</summary>
internal static class Schema
{
    /// <summary>The schema version this build writes and reads.</summary>
    public const long Version = 1;

    /// <summary>
    /// Creates version 1 in an empty database (user_version 0). Trigger <c>sessions_drop_keys</c> drops a session's
    /// rows in <c>keys</c> when its record is replaced, and costs nothing for sessions that held none.
    /// </summary>
    public const string CreateVersion1 = """
        CREATE TABLE sessions (
            process    TEXT    NOT NULL,
            id         TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            ended      INTEGER NOT NULL,
            data       BLOB    NOT NULL,
            keys       TEXT    NOT NULL,
            wake_up_at INTEGER NULL,
            PRIMARY KEY (process, id)
        );
        CREATE INDEX sessions_by_wake_up ON sessions (wake_up_at) WHERE wake_up_at IS NOT NULL AND ended = 0;
        CREATE TABLE keys (
            process TEXT NOT NULL,
            "set"   TEXT NOT NULL,
            value   TEXT NOT NULL,
            id      TEXT NOT NULL
        );
        CREATE UNIQUE INDEX keys_by_key ON keys (process, "set", value);
        CREATE INDEX keys_by_session ON keys (process, id);
        CREATE TRIGGER sessions_drop_keys AFTER UPDATE ON sessions WHEN old.keys <> ''
        BEGIN
            DELETE FROM keys WHERE process = old.process AND id = old.id;
        END;
        PRAGMA user_version = 1;
        """;

    public const string InsertFirst = """
        INSERT INTO sessions (process, id, version, ended, data, keys, wake_up_at)
        VALUES ($process, $id, 1, $ended, $data, $keys, $wake_up_at)
        ON CONFLICT (process, id) DO NOTHING;
        """;

    public const string UpdateNext = """
        UPDATE sessions SET version = $version, ended = $ended, data = $data, keys = $keys, wake_up_at = $wake_up_at
        WHERE process = $process AND id = $id AND version = $version - 1;
        """;

    public const string InsertKey = """
        INSERT INTO keys (process, "set", value, id) VALUES ($process, $set, $value, $id)
        ON CONFLICT (process, "set", value) DO UPDATE SET id = excluded.id;
        """;

    public const string Read = "SELECT version, ended, data, keys, wake_up_at FROM sessions WHERE process = $process AND id = $id;";

    public const string Find = """SELECT id FROM keys WHERE process = $process AND "set" = $set AND value = $value;""";

    public const string WakeUps = "SELECT process, id, wake_up_at FROM sessions WHERE wake_up_at IS NOT NULL AND ended = 0 ORDER BY wake_up_at;";
}
