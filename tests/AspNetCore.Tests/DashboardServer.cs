using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.AspNetCore.Tests;

/// <summary>A real Kestrel server on a free loopback port with the dashboard under <c>/sessiongen</c>, on a fake clock.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private DashboardServer(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public SessionHost Host => app.Services.GetRequiredService<SessionHost>();

    public FakeTimeProvider Time => (FakeTimeProvider)app.Services.GetRequiredService<TimeProvider>();

    public DoorLatch Latch => app.Services.GetRequiredService<DoorLatch>();

    /// <param name="map">Maps the dashboard (and may add conventions to its group); the plain mapping when null.</param>
    /// <param name="configure">Adds services.</param>
    public static async Task<DashboardServer> StartAsync(Action<WebApplication>? map = null, Action<IServiceCollection>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        builder.Services.AddSingleton<DoorLatch>();
        builder.Services.AddSessionGen();
        configure?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        if (map is null)
        {
            app.MapSessionGenDashboard("/sessiongen");
        }
        else
        {
            map(app);
        }

        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new DashboardServer(app, new HttpClient { BaseAddress = new Uri(address), Timeout = NotebookServer.Guard });
    }

    /// <summary>The dashboard's JSON snapshot, as the page asks for it.</summary>
    public async Task<JsonElement> SnapshotAsync(string? process = null, SessionId? session = null)
    {
        string query = $"?process={Uri.EscapeDataString(process ?? "")}&session={Uri.EscapeDataString(session?.Value ?? "")}";
        using HttpResponseMessage response = await Client.GetAsync("/sessiongen/snapshot" + query);
        response.EnsureSuccessStatusCode();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static JsonElement Process(JsonElement snapshot, string name) =>
        snapshot.GetProperty("processes").EnumerateArray().Single(process => process.GetProperty("name").GetString() == name);

    public async ValueTask DisposeAsync()
    {
        Latch.Released.TrySetResult(); // a test that failed while holding a turn must not hold up the shutdown
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
