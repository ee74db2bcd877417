using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionGen.AspNetCore.Tests;

/// <summary>A real Kestrel server on a free loopback port serving <see cref="Notebook"/> under <c>/notebooks</c>.</summary>
public class NotebookServer : IAsyncLifetime
{
    public const int BodyLimit = 1024;

    /// <summary>A guard against a hung test, never a wait for timing.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private WebApplication? app;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The host behind the endpoints, to check what a request did or did not start.</summary>
    public SessionHost Host => Services.GetRequiredService<SessionHost>();

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => app!.Services;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSessionGen(ConfigureHost);
        ConfigureServices(builder.Services);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotebookJson.Default));
        app = builder.Build();
        app.MapSessionProcess<Notebook>("/notebooks", options =>
        {
            options.MaxRequestBodySize = BodyLimit;
            ConfigureEndpoints(options);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = Guard };
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Adds or replaces services after <c>AddSessionGen</c>; a derived fixture changes them.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The endpoints' settings; a derived fixture changes them.</summary>
    protected virtual void ConfigureEndpoints(SessionHttpOptions options)
    {
    }

    /// <summary>The session host's settings; a derived fixture changes them.</summary>
    protected virtual void ConfigureHost(SessionHostOptions options) => options.EventReplayCapacity = 64;

    /// <summary>Starts a notebook; returns its id.</summary>
    public async Task<string> OpenAsync(string title = "book")
    {
        using HttpResponseMessage response = await Client.PostAsync("/notebooks", Json($$"""{"title":"{{title}}"}"""));
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("sessionId").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(string sessionId, string operation, string json) =>
        Client.PostAsync($"/notebooks/{sessionId}/{operation}", Json(json));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
