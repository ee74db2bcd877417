using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// A real Kestrel server with cookie authentication serving <see cref="Forum"/> under <c>/forums</c> and
/// <see cref="Vault"/> under <c>/vaults</c>. <c>POST /signin?name=ann</c> (<c>&amp;role=moderator</c>) signs in; each
/// <see cref="ClientFor"/> has its own cookie jar, as two browsers would.
/// </summary>
public sealed class SignedInServer : IAsyncLifetime
{
    public const string ModeratorPolicy = "moderator";

    private WebApplication? app;
    private readonly List<HttpClient> clients = [];

    public Uri Address { get; private set; } = null!;

    /// <summary>A client with no cookie: anonymous.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSessionGen(options => options.EventReplayCapacity = 64); // resuming streams replay
        builder.Services.AddSessionGenHttp();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(options =>
        {
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(ModeratorPolicy, policy => policy.RequireRole("moderator"));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ForumJson.Default));
        app = builder.Build();
        app.MapPost("/signin", async context =>
        {
            var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, context.Request.Query["name"]!) };
            if (context.Request.Query["role"].FirstOrDefault() is { } role)
            {
                claims.Add(new Claim(ClaimTypes.Role, role));
            }

            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        });
        app.MapSessionProcess<Forum>("/forums");
        app.MapSessionProcess<Vault>("/vaults");
        app.MapSessionProcess<Club>("/clubs");
        await app.StartAsync();
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Anonymous = NewClient();
    }

    /// <summary>A client of its own (its own cookie jar) signed in as <paramref name="name"/>.</summary>
    public async Task<HttpClient> ClientFor(string name, string? role = null)
    {
        HttpClient client = NewClient();
        using HttpResponseMessage signedIn = await client.PostAsync(
            $"/signin?name={Uri.EscapeDataString(name)}" + (role is null ? "" : $"&role={role}"), null);
        signedIn.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Starts a session at <paramref name="prefix"/> as <paramref name="client"/>; returns its id.</summary>
    public static async Task<string> OpenAsync(HttpClient client, string prefix)
    {
        using HttpResponseMessage response = await client.PostAsync(prefix, Json("{}"));
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("sessionId").GetString()!;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public async Task DisposeAsync()
    {
        foreach (HttpClient client in clients)
        {
            client.Dispose();
        }

        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private HttpClient NewClient()
    {
        // Its own handler, so its own cookies; redirects are not followed, so a redirect to a login page shows as such.
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = Address,
            Timeout = NotebookServer.Guard,
        };
        clients.Add(client);
        return client;
    }
}
