using Microsoft.AspNetCore.DataProtection;
using SessionGen;

namespace ChatRoom;

/// <summary>The chat application: the page, the lobby and the rooms' HTTP endpoints. Tests build it with their own settings.</summary>
public static class ChatRoomApp
{
    /// <summary>The configuration key of the SQLite file the rooms are kept in (command line: <c>--db path</c>).</summary>
    public const string DatabaseKey = "ChatRoom:Database";

    /// <summary>The file's name when <see cref="DatabaseKey"/> is not set: next to the app (<see cref="AppContext.BaseDirectory"/>).</summary>
    public const string DefaultDatabase = "chatroom.db";

    /// <summary>
    /// The directory of the sign-in cookies' data-protection keys (command line: <c>--keys path</c>); by default
    /// <c>chatroom-keys</c> beside the database. The processes of a cluster share it, so each reads the others' cookies.
    /// </summary>
    public const string KeysKey = "ChatRoom:Keys";

    /// <summary>How many of a room's latest events a reconnecting tab can resume from.</summary>
    public const int EventReplayCapacity = 200;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
        var switches = new Dictionary<string, string>(ChatCluster.Switches) { ["--db"] = DatabaseKey, ["--keys"] = KeysKey };
        builder.Configuration.AddCommandLine(args, switches);
        string? cluster = ChatCluster.ConnectionString(builder.Configuration);
        if (cluster is null)
        {
            // One process: its own session host, the rooms in SQLite.
            builder.Services.AddSessionGen(options =>
            {
                options.EventReplayCapacity = EventReplayCapacity;

                // Rooms are durable: their fields, events and timeouts are stored with the app's source-generated contracts.
                options.SerializerOptions = ChatJson.Default.Options;
            });

            // The rooms' store (AddSessionGen uses the registered ISessionStore); the container disposes it after the host has stopped.
            builder.Services.AddSingleton<ISessionStore>(services =>
                new SqliteSessionStore($"Data Source={DatabasePath(services.GetRequiredService<IConfiguration>())}"));
        }
        else
        {
            // A silo of a cluster: the rooms run on the silos and are kept in the cluster's PostgreSQL database (ChatCluster).
            builder.Services.AddSingleton(TimeProvider.System); // the rooms' clock (AddSessionGen registers it in the other mode)
            builder.AddChatCluster(cluster);
        }

        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJson.Default));
        builder.Services.AddSingleton<Lobby>();
        builder.Services.AddChatSignIn(KeysPath(builder.Configuration));
        builder.Services.AddOpenApi();
        configure?.Invoke(builder);

        WebApplication app = builder.Build();
        if (cluster is not null)
        {
            // The processes of a cluster share the key directory: the first one to start makes the key, before it takes
            // requests, so a process started after it reads that key and no cookie is made with a key the other lacks.
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("ChatRoom.KeyRing").Protect([1]);
        }

        app.RefuseCrossOriginPosts();
        app.MapGet("/", ServePageAsync);
        app.MapChatSignIn();
        app.MapGet("/lobby", async (Lobby lobby, CancellationToken cancellationToken) =>
            TypedResults.Ok(new LobbyRoom((await lobby.CurrentAsync(cancellationToken)).Value)));
        app.MapSessionProcess<Room>("/rooms");
        app.MapOpenApi(); // the rooms' operations, one by one: /openapi/v1.json

        // The live view of the rooms (docs/dashboard.md); in cluster mode, of the rooms this silo runs. It shows
        // session ids: outside a demo, add .RequireAuthorization().
        app.MapSessionGenDashboard("/sessiongen");
        return app;
    }

    /// <summary>The full path of the rooms' SQLite file: <see cref="DatabaseKey"/>, relative to the current directory, or <see cref="DefaultDatabase"/> next to the app.</summary>
    public static string DatabasePath(IConfiguration configuration) =>
        configuration[DatabaseKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, DefaultDatabase);

    /// <summary>The full path of the data-protection keys' directory (<see cref="KeysKey"/>).</summary>
    public static string KeysPath(IConfiguration configuration) =>
        configuration[KeysKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetDirectoryName(DatabasePath(configuration))!, "chatroom-keys");

    private static async Task ServePageAsync(HttpContext context)
    {
        await using Stream page = typeof(ChatRoomApp).Assembly.GetManifestResourceStream("ChatRoom.index.html")!;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await page.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
