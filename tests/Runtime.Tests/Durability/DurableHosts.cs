using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>Hosts over one store and one fake clock: a test stops one and starts the next, as a restart would.</summary>
internal sealed class DurableHosts : IAsyncDisposable
{
    private readonly List<SessionHost> hosts = new();

    public DurableHosts(ISessionStore? store = null)
    {
        Store = store ?? new InMemorySessionStore();
    }

    public ISessionStore Store { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public SessionHost Start(int eventReplayCapacity = 0, TimeSpan? passivateAfter = null, TimeSpan? shutdownTimeout = null, SessionObserver? observer = null)
    {
        var host = new SessionHost(new SessionHostOptions
        {
            TimeProvider = Time,
            Store = Store,
            EventReplayCapacity = eventReplayCapacity,
            PassivateAfter = passivateAfter ?? Timeout.InfiniteTimeSpan,
            ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(30),
            Observer = observer,
        });
        hosts.Add(host);
        return host;
    }

    /// <summary>Stops <paramref name="host"/> (its durable sessions leave memory) and starts another over the same store.</summary>
    public async Task<SessionHost> RestartAsync(SessionHost host)
    {
        await host.DisposeAsync().AsTask().Guarded();
        return Start();
    }

    public async ValueTask DisposeAsync()
    {
        // A test that failed while its gate was closed would otherwise wait forever for the held write: the shutdown
        // deadline is on the fake clock, which nobody advances any more.
        (Store as GatedStore)?.Open();
        foreach (SessionHost host in hosts)
        {
            await host.DisposeAsync().AsTask().Guarded();
        }
    }
}
