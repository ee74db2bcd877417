namespace SessionGen.PostgreSql.Tests;

/// <summary>Records and waits the tests share.</summary>
internal static class Records
{
    public const string Process = "Tests.Process";

    // Fails a test that would otherwise hang; no test waits for it in the normal case.
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    public static SessionRecord Record(SessionId id, long version, CorrelationKey[]? keys = null, DateTimeOffset? wakeUpAt = null, bool ended = false, byte[]? data = null) =>
        new(Process, id, version, ended, data ?? BitConverter.GetBytes(version), keys ?? [], wakeUpAt);

    public static async Task<List<SessionWakeUp>> WakeUpsAsync(ISessionStore store)
    {
        var wakeUps = new List<SessionWakeUp>();
        await foreach (SessionWakeUp wakeUp in store.ReadWakeUpsAsync(default))
        {
            wakeUps.Add(wakeUp);
        }

        return wakeUps;
    }
}
