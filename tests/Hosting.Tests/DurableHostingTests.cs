using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.Hosting.Tests;

/// <summary><c>AddSessionGen</c> with a registered <see cref="ISessionStore"/>: the app keeps durable sessions there and recovers on start.</summary>
public sealed class DurableHostingTests
{
    [Fact]
    public async Task A_restarted_app_recovers_on_start_and_a_timeout_that_fell_due_while_it_was_down_fires_once()
    {
        var store = new InMemorySessionStore();
        var time = new FakeTimeProvider();
        SessionId id;
        using (IHost first = Build(store, time))
        {
            await first.StartAsync().Guarded();
            id = (await Reminder.StartAsync(first.Services.GetRequiredService<SessionHost>(), 10).Guarded()).Id;
            await first.StopAsync().Guarded();
        }

        time.Advance(TimeSpan.FromMinutes(1));
        using IHost second = Build(store, time);
        await second.StartAsync().Guarded();
        SessionHost host = second.Services.GetRequiredService<SessionHost>();

        Assert.Same(store, host.Store);
        Assert.True(host.Contains(id)); // loaded by the recovery, before any message
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await Reminder.Connect(host, id).RangAsync().Guarded());
        await second.StopAsync().Guarded();
    }

    private static IHost Build(ISessionStore store, TimeProvider time)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(store);
        builder.Services.AddSessionGen();
        return builder.Build();
    }
}
