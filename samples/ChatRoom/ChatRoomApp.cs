using SessionGen;

namespace ChatRoom;

/// <summary>The chat application: the page, the lobby and the rooms' HTTP endpoints. Tests build it with their own settings.</summary>
public static class ChatRoomApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSessionGen(options => options.EventReplayCapacity = 200);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJson.Default));
        builder.Services.AddSingleton<Lobby>();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.MapGet("/", ServePageAsync);
        app.MapGet("/lobby", async (Lobby lobby, CancellationToken cancellationToken) =>
            TypedResults.Ok(new LobbyRoom((await lobby.CurrentAsync(cancellationToken)).Value)));
        app.MapSessionProcess<Room>("/rooms");
        return app;
    }

    private static async Task ServePageAsync(HttpContext context)
    {
        await using Stream page = typeof(ChatRoomApp).Assembly.GetManifestResourceStream("ChatRoom.index.html")!;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await page.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
