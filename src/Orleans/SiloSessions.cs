using System.Text.Json;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>One per silo: the silo's <see cref="SessionHost"/> and what its grains need to decode messages.</summary>
internal sealed class SiloSessions : IAsyncDisposable
{
    private readonly SessionGenSiloOptions options;

    public SiloSessions(SessionGenSiloOptions options, IServiceProvider services)
    {
        this.options = options;
        Json = options.SerializerOptions ?? JsonSerializerOptions.Default;
        var hostOptions = new SessionHostOptions
        {
            Store = options.Store,
            SerializerOptions = options.SerializerOptions,
            TimeProvider = options.TimeProvider,
            Services = services,
            // The grain decides when a session leaves memory (it unloads it when it deactivates).
            PassivateAfter = Timeout.InfiniteTimeSpan,
        };
        options.ConfigureHost?.Invoke(hostOptions);
        Host = new SessionHost(hostOptions);
    }

    public SessionHost Host { get; }

    public JsonSerializerOptions Json { get; }

    public TimeSpan? WakeUpPeriod => options.WakeUpPeriod;

    public SessionProcessDefinition? Find(string process) => options.Find(process);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
