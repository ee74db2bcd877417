using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SessionGen.Orleans;

/// <summary>Registers SessionGen on an Orleans silo.</summary>
public static class SessionGenSiloBuilderExtensions
{
    /// <summary>
    /// Gives this silo a <see cref="SessionHost"/> over <see cref="SessionGenSiloOptions.Store"/> and the generic session
    /// grain that forwards each message of a session to it. The grain's lifetime decides how long a durable session
    /// stays in the silo's memory (the host never passivates); when it deactivates the session is unloaded, and the
    /// next message loads it wherever Orleans places the grain. The silo's <see cref="SessionHost"/> is also registered as
    /// a service (unless one is already), so a web app that is a silo can map the dashboard of the sessions it runs.
    /// </summary>
    public static ISiloBuilder AddSessionGen(this ISiloBuilder builder, Action<SessionGenSiloOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SessionGenSiloOptions();
        configure(options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SiloSessions>();

        // The silo's host as a service, for what shows a host's sessions (the dashboard of a web app that is also a silo).
        builder.Services.TryAddSingleton(static services => services.GetRequiredService<SiloSessions>().Host);
        return builder;
    }
}
