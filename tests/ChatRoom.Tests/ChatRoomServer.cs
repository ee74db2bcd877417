using ChatRoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace SessionGen.ChatRoom.Tests;

/// <summary>The ChatRoom sample on a free loopback port, on a fake clock so the idle timeout can be reached at once.</summary>
internal sealed class ChatRoomServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ChatRoomServer(WebApplication app, string address, FakeTimeProvider time)
    {
        this.app = app;
        Address = address;
        Time = time;
    }

    /// <summary>The clock of the host's timeouts (the rooms' idle timeout) and of the rooms' message times.</summary>
    public FakeTimeProvider Time { get; }

    public string Address { get; }

    public static async Task<ChatRoomServer> StartAsync()
    {
        var time = new FakeTimeProvider();
        WebApplication app = ChatRoomApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(time);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ChatRoomServer(app, address, time);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
