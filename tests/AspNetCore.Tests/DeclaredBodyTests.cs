using System.Net.Sockets;
using System.Text;

namespace SessionGen.AspNetCore.Tests;

/// <summary>An endpoint whose body limit was raised: the limit a client may declare, not what it sends.</summary>
public sealed class LargeBodyLimitServer : NotebookServer
{
    public const long RaisedLimit = 256L * 1024 * 1024;

    protected override void ConfigureEndpoints(SessionHttpOptions options) => options.MaxRequestBodySize = RaisedLimit;
}

/// <summary>What a request costs the server is what it sends, not what its Content-Length claims.</summary>
public sealed class DeclaredBodyTests(LargeBodyLimitServer server) : IClassFixture<LargeBodyLimitServer>
{
    [Fact]
    public async Task A_request_that_declares_a_large_body_and_sends_a_few_bytes_costs_the_server_the_few_bytes()
    {
        string id = await server.OpenAsync();
        Uri address = server.Client.BaseAddress!;
        string head =
            $"POST /notebooks/{id}/Note HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {LargeBodyLimitServer.RaisedLimit - 1}\r\n\r\n{{\"text\":\"a";
        long before = GC.GetTotalAllocatedBytes(precise: true);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(address.Host, address.Port).WaitAsync(NotebookServer.Guard);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head)).AsTask().WaitAsync(NotebookServer.Guard);
            client.Client.Shutdown(SocketShutdown.Send); // the body ends early: the server fails the request

            byte[] answer = new byte[4096];
            try
            {
                while (await stream.ReadAsync(answer).AsTask().WaitAsync(NotebookServer.Guard) > 0)
                {
                    // read until the server closes: it has given up on the request by then
                }
            }
            catch (IOException)
            {
                // or resets the connection
            }
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 16 * 1024 * 1024, $"the server allocated {allocated:N0} bytes for a request that sent a few");
    }
}
