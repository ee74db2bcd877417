using System.Net.Sockets;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// A <see cref="NotebookServer"/> whose subscriptions hold only <see cref="SubscriptionCapacity"/> events and whose
/// sessions retain <see cref="ReplayCapacity"/>, with a client whose connections take little data before its reader
/// reads: a reader that does not read soon stops the server's writes, as a slow browser does.
/// </summary>
public sealed class SlowReaderServer : NotebookServer
{
    public const int SubscriptionCapacity = 16;
    public const int ReplayCapacity = 4000;

    private HttpClient? slowClient;

    /// <summary>
    /// A client whose sockets have a small fixed receive buffer (a set size turns off the kernel's growing it), so
    /// what the network holds for a reader that does not read stays far below a burst.
    /// </summary>
    public HttpClient SlowClient => slowClient ??= new HttpClient(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, ReceiveBufferSize = 16 * 1024 };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = Client.BaseAddress, Timeout = Guard };

    public override async Task DisposeAsync()
    {
        slowClient?.Dispose();
        await base.DisposeAsync();
    }

    protected override void ConfigureHost(SessionHostOptions options)
    {
        options.SubscriptionCapacity = SubscriptionCapacity;
        options.EventReplayCapacity = ReplayCapacity;
    }
}
