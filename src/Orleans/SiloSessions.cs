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
        Json = options.SerializerOptions is { } json ? WireOptions.Locked(json) : JsonSerializerOptions.Default;
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

    public TimeSpan PostGapTimeout => options.PostGapTimeout;

    public int PostReorderCapacity => options.PostReorderCapacity;

    public TimeProvider Clock => options.TimeProvider;

    /// <summary>How many times a grain of this silo gave up waiting for a missing post (tests, diagnostics).</summary>
    public long SkippedGaps => Interlocked.Read(ref skippedGaps);

    private long skippedGaps;

    public void CountSkippedGap() => Interlocked.Increment(ref skippedGaps);

    public SessionProcessDefinition? Find(string process) => options.Find(process);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
