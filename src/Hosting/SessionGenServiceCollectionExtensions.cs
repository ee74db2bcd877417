using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SessionGen.Hosting;

namespace SessionGen;

/// <summary>Registers SessionGen with an application's services.</summary>
public static class SessionGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="SessionHost"/> as a singleton, started with the application and drained when it
    /// stops (accepted messages finish; past the host's shutdown deadline, sessions end and the rest is
    /// dead-lettered). Process constructors take their parameters from these services; session starts, ends,
    /// faults and dead letters are logged under the category <c>SessionGen</c>. The host's clock is the
    /// registered <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> is registered when there is none).
    /// Durable processes are kept in <see cref="SessionHostOptions.Store"/>, or else in the registered
    /// <see cref="ISessionStore"/> (for example <c>services.AddSingleton&lt;ISessionStore&gt;(new SqliteSessionStore("Data Source=sessions.db"))</c>);
    /// with a store, the host recovers on start (<see cref="SessionHost.RecoverAsync"/>) before the application takes requests.
    /// The same host is the <see cref="ISessionHost"/> service (what transports such as the HTTP endpoints use), unless
    /// another is registered.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Adjusts the host's options; may be given by several calls, applied in order.</param>
    public static IServiceCollection AddSessionGen(this IServiceCollection services, Action<SessionHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.AddSingleton(new SessionHostConfiguration(configure));
        }

        // One clock for the host's timeouts and for the processes that take a TimeProvider (tests replace it).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateHost);
        services.TryAddSingleton<ISessionHost>(static provider => provider.GetRequiredService<SessionHost>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionHostService>());
        return services;
    }

    private static SessionHost CreateHost(IServiceProvider services)
    {
        var options = new SessionHostOptions { TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System };
        foreach (SessionHostConfiguration configuration in services.GetServices<SessionHostConfiguration>())
        {
            configuration.Configure(options);
        }

        options.Services ??= services;
        options.Store ??= services.GetService<ISessionStore>();
        ILogger logger = services.GetService<ILoggerFactory>()?.CreateLogger(SessionLog.Category) ?? NullLogger.Instance;
        options.Observer = new LoggingSessionObserver(logger, options.Observer);
        return new SessionHost(options);
    }
}
