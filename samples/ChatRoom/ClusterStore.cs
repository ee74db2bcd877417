using SessionGen;

namespace ChatRoom;

/// <summary>Where the silos of a cluster keep the rooms: one store all of them reach, so a room outlives its silo.</summary>
internal static class ClusterStore
{
    /// <summary>
    /// STAND-IN until SessionGen.PostgreSql is merged: the SQLite file at <paramref name="sqlitePath"/>, shared by the
    /// processes of one machine. The PostgreSQL store in <paramref name="connectionString"/>'s database replaces it.
    /// </summary>
    public static ISessionStore Create(string connectionString, string sqlitePath)
    {
        _ = connectionString;
        return new SqliteSessionStore($"Data Source={sqlitePath}");
    }
}
