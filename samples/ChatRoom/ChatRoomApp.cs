using SessionGen;

namespace ChatRoom;

/// <summary>The chat application: the page, the lobby and the rooms' HTTP endpoints. Tests build it with their own settings.</summary>
public static class ChatRoomApp
{
    /// <summary>The configuration key of the SQLite file the rooms are kept in (command line: <c>--db path</c>).</summary>
    public const string DatabaseKey = "ChatRoom:Database";

    /// <summary>The file's name when <see cref="DatabaseKey"/> is not set: next to the app (<see cref="AppContext.BaseDirectory"/>).</summary>
    public const string DefaultDatabase = "chatroom.db";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--db"] = DatabaseKey });
        builder.Services.AddSessionGen(options =>
        {
            options.EventReplayCapacity = 200;

            // Rooms are durable: their fields, events and timeouts are stored with the app's source-generated contracts.
            options.SerializerOptions = ChatJson.Default.Options;
        });

        // The rooms' store (AddSessionGen uses the registered ISessionStore); the container disposes it after the host has stopped.
        builder.Services.AddSingleton<ISessionStore>(services =>
            new SqliteSessionStore($"Data Source={DatabasePath(services.GetRequiredService<IConfiguration>())}"));
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJson.Default));
        builder.Services.AddSingleton<Lobby>();
        builder.Services.AddChatSignIn(Path.Combine(Path.GetDirectoryName(DatabasePath(builder.Configuration))!, "chatroom-keys"));
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        app.RefuseCrossOriginPosts();
        app.MapGet("/", ServePageAsync);
        app.MapChatSignIn();
        app.MapGet("/lobby", async (Lobby lobby, CancellationToken cancellationToken) =>
            TypedResults.Ok(new LobbyRoom((await lobby.CurrentAsync(cancellationToken)).Value)));
        app.MapSessionProcess<Room>("/rooms");
        app.MapOpenApi(); // the rooms' operations, one by one: /openapi/v1.json

        // The live view of the rooms (docs/dashboard.md). It shows session ids: outside a demo, add .RequireAuthorization().
        app.MapSessionGenDashboard("/sessiongen");
        return app;
    }

    /// <summary>The full path of the rooms' SQLite file: <see cref="DatabaseKey"/>, relative to the current directory, or <see cref="DefaultDatabase"/> next to the app.</summary>
    public static string DatabasePath(IConfiguration configuration) =>
        configuration[DatabaseKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, DefaultDatabase);

    private static async Task ServePageAsync(HttpContext context)
    {
        await using Stream page = typeof(ChatRoomApp).Assembly.GetManifestResourceStream("ChatRoom.index.html")!;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await page.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
