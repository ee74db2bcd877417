using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Hosting.Tests;

/// <summary>Generic-host applications as a user would build them, with logs collected and a fake clock.</summary>
internal static class TestApps
{
    /// <summary>A guard against a hung test, never a wait for timing.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static IHost Build(LogCollector logs, Action<SessionHostOptions>? configure = null, bool registerGreeting = true)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        if (registerGreeting)
        {
            builder.Services.AddSingleton<IGreeting, FriendlyGreeting>();
        }

        builder.Services.AddSessionGen(configure);
        return builder.Build();
    }

    public static Task Guarded(this Task task) => task.WaitAsync(Guard);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(Guard);

    public static Task Guarded(this ValueTask task) => task.AsTask().WaitAsync(Guard);

    public static Task<T> Guarded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Guard);
}
