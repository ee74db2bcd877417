using System.Net;
using System.Security.Claims;
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

namespace SessionGen.Http.Tests;

/// <summary>A mailbox whose handlers know who calls: a letter is signed by its caller and a receipt goes to that caller only.</summary>
[SessionProcess("Remote.Letterbox")]
public partial class Letterbox
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Drop")]
    private string Drop(string text, SessionCaller caller)
    {
        Emit(new Noted($"{caller.Id}: {text}", 0));
        EmitTo(caller.Id, new Whispered($"receipt for {caller.Id}"));
        return caller.Id;
    }
}

/// <summary>
/// Over SessionGen.Http the caller is whoever the server authenticates: the client's identity is its
/// <see cref="HttpClient"/>'s (here a cookie), and a subscription for a participant is that user's own stream.
/// </summary>
public sealed class SignedInClientTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = RemoteServer.Json;

    private WebApplication? app;
    private Uri address = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSessionGen();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, RemoteJson.Default));
        app = builder.Build();
        app.MapPost("/signin", (HttpContext context) => context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, context.Request.Query["name"]!)], CookieAuthenticationDefaults.AuthenticationScheme))));
        app.MapSessionProcess<Letterbox>("/letterboxes");
        await app.StartAsync();
        address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/");
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_signed_in_client_speaks_as_its_user_and_subscribes_to_its_own_private_events()
    {
        using HttpClient annHttp = await SignedInAsync("ann");
        using HttpClient bobHttp = await SignedInAsync("bob");
        await using HttpSessionHost ann = Host(annHttp);
        await using HttpSessionHost bob = Host(bobHttp);
        using var guard = new CancellationTokenSource(RemoteServer.Guard);
        Letterbox.Client annBox = await Letterbox.StartAsync(ann);
        Letterbox.Client bobBox = Letterbox.Connect(bob, annBox.Id);
        await using SessionSubscription annEvents = await ann.SubscribeAsync("Remote.Letterbox", annBox.Id, "ann", null, guard.Token);

        Assert.Equal("bob", await bobBox.DropAsync("from bob"));
        Assert.Equal("ann", await annBox.DropAsync("from ann"));

        // Bob's receipt (event 2) is not in ann's stream; hers (event 4) is.
        Assert.Equal(["1 bob: from bob", "3 ann: from ann", "4 receipt for ann"], await ReadAsync(annEvents, 3, guard.Token));
    }

    [Fact]
    public async Task Subscribing_as_another_participant_is_refused_and_an_anonymous_client_cannot_send_as_a_caller()
    {
        using HttpClient annHttp = await SignedInAsync("ann");
        using var anonymousHttp = new HttpClient { BaseAddress = address, Timeout = RemoteServer.Guard };
        await using HttpSessionHost ann = Host(annHttp);
        await using HttpSessionHost anonymous = Host(anonymousHttp);
        Letterbox.Client annBox = await Letterbox.StartAsync(ann);

        var forbidden = await Assert.ThrowsAsync<HttpRequestException>(() => ann.SubscribeAsync("Remote.Letterbox", annBox.Id, "bob", null, default).AsTask());
        var required = await Assert.ThrowsAsync<SessionCallerRequiredException>(() => Letterbox.Connect(anonymous, annBox.Id).DropAsync("who?").AsTask());

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Drop", required.Operation);
    }

    private async Task<HttpClient> SignedInAsync(string name)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = address, Timeout = RemoteServer.Guard };
        using HttpResponseMessage signedIn = await http.PostAsync($"signin?name={name}", null);
        signedIn.EnsureSuccessStatusCode();
        return http;
    }

    private static HttpSessionHost Host(HttpClient http) =>
        new(http, options =>
        {
            options.SerializerOptions = Json;
            options.Map("Remote.Letterbox", "/letterboxes");
            options.Event<Noted>().Event<Whispered>();
        });

    private static async Task<string[]> ReadAsync(SessionSubscription events, int count, CancellationToken cancellationToken)
    {
        var read = new List<string>();
        for (int i = 0; i < count; i++)
        {
            SessionEvent item = await events.ReadAsync(cancellationToken);
            read.Add(item.Payload switch
            {
                Noted noted => $"{item.Sequence} {noted.Text}",
                Whispered whispered => $"{item.Sequence} {whispered.Text}",
                var other => $"{item.Sequence} {other}",
            });
        }

        return [.. read];
    }
}
