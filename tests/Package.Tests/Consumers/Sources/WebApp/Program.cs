using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionGen;
using HttpApp;

// A user's web app with the HTTP packages only: the server maps a process, its OpenAPI document and the dashboard,
// and the generated typed client talks to it over loopback through SessionGen.Http.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
builder.Logging.ClearProviders();
builder.Services.AddSessionGen();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJson.Default));
await using WebApplication app = builder.Build();
app.MapSessionProcess<Tally>("/tallies");
app.MapOpenApi();
app.MapSessionGenDashboard("/sessiongen");
await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

using var http = new HttpClient { BaseAddress = new Uri(address + "/"), Timeout = TimeSpan.FromSeconds(30) };
await using var host = new HttpSessionHost(http, options =>
{
    options.SerializerOptions = AppJson.Default.Options;
    options.Map("App.Tally", "/tallies");
    options.Event<Counted>();
});
using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));

Tally.Client tally = await Tally.StartAsync(host, "votes", guard.Token);
await using SessionSubscription events = await host.SubscribeAsync("App.Tally", tally.Id, null, null, guard.Token);
Console.WriteLine($"Add(ann, 2) = {await tally.AddAsync("ann", 2, guard.Token)}");
Console.WriteLine($"Add(bob, 3) = {await tally.AddAsync("bob", 3, guard.Token)}");

// The dashboard, while the session is open: its page and its snapshot.
string page = await http.GetStringAsync("sessiongen", guard.Token);
Console.WriteLine($"dashboard page: {(page.Contains("dashboard.js", StringComparison.Ordinal) ? "served" : "missing")}");
using (JsonDocument snapshot = JsonDocument.Parse(await http.GetStringAsync("sessiongen/snapshot", guard.Token)))
{
    JsonElement tallies = snapshot.RootElement.GetProperty("processes").EnumerateArray()
        .Single(static p => p.GetProperty("name").GetString() == "App.Tally");
    Console.WriteLine($"dashboard: App.Tally has {tallies.GetProperty("sessions").GetInt32()} session");
}

await tally.CloseAsync(guard.Token);
await foreach (SessionEvent received in events.WithCancellation(guard.Token))
{
    Console.WriteLine($"event {received.Sequence}: {received.Payload}");
}

using (JsonDocument openApi = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json", guard.Token)))
{
    JsonElement add = openApi.RootElement.GetProperty("paths").GetProperty("/tallies/{sessionId}/Add").GetProperty("post")
        .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
    Console.WriteLine($"openapi: Add takes {string.Join(", ", add.GetProperty("properties").EnumerateObject().Select(static p => p.Name))}");
}

await app.StopAsync(guard.Token);
