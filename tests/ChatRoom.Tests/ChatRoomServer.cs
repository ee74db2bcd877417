using ChatRoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom sample on a loopback port (a free one unless given), on a fake clock so the idle timeout can be reached
/// at once, keeping its rooms in the SQLite file <see cref="Database"/>: its own temporary one unless given, so tests
/// do not share rooms.
/// </summary>
internal sealed class ChatRoomServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TemporaryDatabase? ownDatabase;

    private ChatRoomServer(WebApplication app, string address, FakeTimeProvider time, string database, TemporaryDatabase? ownDatabase)
    {
        this.app = app;
        this.ownDatabase = ownDatabase;
        Address = address;
        Time = time;
        Database = database;
    }

    /// <summary>How long after a user's last event stream closes the room hears that the user has left (on <see cref="Time"/>).</summary>
    public static readonly TimeSpan ParticipantLeftGrace = TimeSpan.FromSeconds(1);

    /// <summary>The clock of the host's timeouts (the rooms' idle timeout) and of the rooms' message times.</summary>
    public FakeTimeProvider Time { get; }

    public string Address { get; }

    /// <summary>The SQLite file the rooms are kept in.</summary>
    public string Database { get; }

    /// <param name="database">The rooms' file, to start again on a file an earlier server wrote; null for a new temporary one.</param>
    /// <param name="address">Where to listen, to start again where an earlier server listened; null for a free port.</param>
    public static async Task<ChatRoomServer> StartAsync(string? database = null, string? address = null)
    {
        TemporaryDatabase? own = database is null ? new TemporaryDatabase() : null;
        database ??= own!.Path;
        var time = new FakeTimeProvider();
        WebApplication app = ChatRoomApp.Build(["--urls", address ?? "http://127.0.0.1:0", "--db", database], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(time);

            // A user whose last tab has gone leaves once the fake clock has moved on this much.
            builder.Services.AddSessionGen(options => options.ParticipantLeftGrace = ParticipantLeftGrace);
        });
        await app.StartAsync();
        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ChatRoomServer(app, bound, time, database, own);
    }

    /// <summary>Stops the app gracefully (the rooms leave memory, their last turns are in the file) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        ownDatabase?.Dispose();
    }
}

/// <summary>A SQLite file in a new temporary folder, deleted with the folder.</summary>
internal sealed class TemporaryDatabase : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("sessiongen-chatroom-").FullName;

    public string Path => System.IO.Path.Combine(folder, "chatroom.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A process that was killed may still be letting go of the file; the temp folder is the system's to clean.
        }
    }
}
