using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionGen.AspNetCore.Tests;

/// <summary>The events stream of a durable session after the server restarted: it loads the session and resumes.</summary>
public sealed class DurableEventStreamTests
{
    [Fact]
    public async Task After_a_restart_the_stream_loads_the_stored_session_and_resumes_after_Last_Event_ID_with_the_same_events()
    {
        var store = new InMemorySessionStore();
        string id;
        await using (Server first = await Server.StartAsync(store))
        {
            using HttpResponseMessage opened = await first.Client.PostAsync("/durable", NotebookServer.Json("""{"title":"t"}"""));
            id = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;
            (await first.Client.PostAsync($"/durable/{id}/Note", NotebookServer.Json("""{"text":"a","number":1}"""))).EnsureSuccessStatusCode();
            (await first.Client.PostAsync($"/durable/{id}/Note", NotebookServer.Json("""{"text":"b","number":2}"""))).EnsureSuccessStatusCode();
        }

        await using Server second = await Server.StartAsync(store);
        Assert.False(second.Host.Contains(new SessionId(id)));
        await using ServerSentEvents events = await ServerSentEvents.OpenAsync(second.Client, $"/durable/{id}/events", lastEventId: "1");
        ServerSentEvents.Event stored = (await events.ReadAsync())!;
        (await second.Client.PostAsync($"/durable/{id}/Note", NotebookServer.Json("""{"text":"c","number":3}"""))).EnsureSuccessStatusCode();
        ServerSentEvents.Event live = (await events.ReadAsync())!;

        Assert.Equal(("2", nameof(Noted)), (stored.Id, stored.Name));
        Assert.Equal(2, JsonDocument.Parse(stored.Data).RootElement.GetProperty("number").GetInt32());
        Assert.Equal(("3", nameof(Noted)), (live.Id, live.Name));
    }

    [Fact]
    public async Task The_stream_of_a_session_neither_memory_nor_the_store_has_is_404()
    {
        await using Server server = await Server.StartAsync(new InMemorySessionStore());

        using HttpResponseMessage response = await server.Client.GetAsync($"/durable/{SessionId.New()}/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed class Server : IAsyncDisposable
    {
        private readonly WebApplication app;

        private Server(WebApplication app, HttpClient client)
        {
            this.app = app;
            Client = client;
        }

        public HttpClient Client { get; }

        public SessionHost Host => app.Services.GetRequiredService<SessionHost>();

        public static async Task<Server> StartAsync(ISessionStore store)
        {
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(store);
            // The same JSON as the HTTP endpoints, so events replayed from the store read as they did when first sent.
            builder.Services.AddSessionGen(options => options.SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = NotebookJson.Default });
            builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotebookJson.Default));
            WebApplication app = builder.Build();
            app.MapSessionProcess<DurableNotebook>("/durable");
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new Server(app, new HttpClient { BaseAddress = new Uri(address), Timeout = NotebookServer.Guard });
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
