using System.Text.Json;

namespace SessionGen.Testing;

/// <summary>Settings of a <see cref="SessionTestHost"/>: the services its processes' constructors take, durability, and the rest of the host's options.</summary>
public sealed class SessionTestHostOptions
{
    private readonly Dictionary<Type, object> services = new();

    /// <summary>
    /// Where the fake clock starts. Default: <c>FakeTimeProvider</c>'s own start (2000-01-01, midnight UTC), so runs are
    /// repeatable.
    /// </summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>
    /// Services that process constructors take beyond those added with <see cref="AddService{TService}"/> (the application's
    /// own provider, say); asked after them. Default: none.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>
    /// Keeps durable processes' sessions in an <see cref="InMemorySessionStore"/> that outlives
    /// <see cref="SessionTestHost.RestartAsync"/>. Needed to start a durable process's session. Default: false.
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>How durable sessions are stored (your source-generated <c>JsonSerializerContext</c>'s options). Default: <see cref="JsonSerializerOptions.Default"/>.</summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>
    /// Sets any other <see cref="SessionHostOptions"/> (a process's timer resolution, subscription capacity, an observer of
    /// your own); called for every host the test host creates, after the test host has set the clock, services, store and
    /// observer. Replacing the clock or the store is not supported.
    /// </summary>
    public Action<SessionHostOptions>? ConfigureHost { get; set; }

    /// <summary>
    /// Gives process constructors <paramref name="service"/> for parameters of type <typeparamref name="TService"/>. A
    /// <see cref="TimeProvider"/> parameter always gets the test host's fake clock.
    /// </summary>
    /// <returns>These options, to add more.</returns>
    public SessionTestHostOptions AddService<TService>(TService service)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(service);
        services[typeof(TService)] = service;
        return this;
    }

    internal IReadOnlyDictionary<Type, object> AddedServices => services;
}
