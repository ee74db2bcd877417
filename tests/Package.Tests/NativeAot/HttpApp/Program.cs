using System.Net;
using System.Text.Json;
using HttpApp;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionGen;

// The server: a tally process over HTTP on a free loopback port.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
builder.Logging.ClearProviders();
builder.Services.AddSessionGen();
builder.Services.AddOpenApi();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, AppJson.Default));
await using WebApplication app = builder.Build();
app.MapSessionProcess<Tally>("/tallies");
app.MapOpenApi();
await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

// The client: the generated typed API over SessionGen.Http.
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
await tally.ResetAsync(guard.Token);
Console.WriteLine($"Add(cat, 1) = {await tally.AddAsync("cat", 1, guard.Token)}");
await tally.CloseAsync(guard.Token);
await foreach (SessionEvent received in events.WithCancellation(guard.Token))
{
    Console.WriteLine($"event {received.Sequence}: {received.Payload}");
}

try
{
    await tally.AddAsync("dan", 1, guard.Token);
}
catch (SessionNotFoundException)
{
    Console.WriteLine("Add(dan, 1) = SessionNotFoundException: the session has ended");
}

// The OpenAPI document: the operations and one message's schema, written without reflection.
using (JsonDocument openApi = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json", guard.Token)))
{
    IEnumerable<string> operations = openApi.RootElement.GetProperty("paths").EnumerateObject()
        .SelectMany(static path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"));
    Console.WriteLine($"openapi: {string.Join(", ", operations)}");
    JsonElement add = openApi.RootElement.GetProperty("paths").GetProperty("/tallies/{sessionId}/Add").GetProperty("post")
        .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
    Console.WriteLine($"openapi: Add takes {string.Join(", ", add.GetProperty("properties").EnumerateObject().Select(static p => p.Name))}");
}

await app.StopAsync(guard.Token);
