using SessionGen;

namespace SessionManagerSample;

/// <summary>The host options a <see cref="SessionManager"/> needs: a store (it is durable) and its JSON contracts.</summary>
public static class SessionManagerHost
{
    /// <summary>
    /// Options over <paramref name="store"/> (default: a new in-memory store, which lives as long as the process) and
    /// <paramref name="time"/> (default: the system clock).
    /// </summary>
    public static SessionHostOptions Options(ISessionStore? store = null, TimeProvider? time = null) => new()
    {
        Store = store ?? new InMemorySessionStore(),
        SerializerOptions = SessionManagerJson.Default.Options,
        TimeProvider = time ?? TimeProvider.System,
    };
}
