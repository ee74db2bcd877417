using System.Net;
using System.Text;

namespace SessionGen.Http.Tests;

/// <summary><see cref="HttpSessionHost"/> against servers that do not behave: a fake handler plays the server.</summary>
public sealed class MisbehavingServerTests
{
    private const string Journal = "Remote.Journal";

    [Fact]
    public async Task An_event_stream_whose_event_cannot_be_read_ends_the_subscription_after_the_reconnect_attempts()
    {
        // Every opening serves the same unreadable event: reopening after it gets it again. The server gives up (404)
        // only after 50 openings, so a client that reconnects forever ends normally here, after 50.
        var server = new FakeServer(_ => Stream("id: 1\nevent: Noted\ndata: {not json\n\n"), giveUpAfter: 50);
        using var guard = new CancellationTokenSource(RemoteServer.Guard);
        await using HttpSessionHost host = Host(server);

        await using SessionSubscription events = await host.SubscribeAsync(Journal, new SessionId("j"), null, null, guard.Token);

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(async () =>
        {
            await foreach (SessionEvent unexpected in events.WithCancellation(guard.Token))
            {
                Assert.Fail($"no event was expected, got {unexpected.Payload}");
            }
        });
        Assert.InRange(server.Opened, 2, 4); // the first stream, then MaxReconnectAttempts (3) reopenings at most
    }

    [Fact]
    public async Task An_event_stream_that_ends_at_once_every_time_is_not_reopened_forever()
    {
        var server = new FakeServer(_ => Stream(": nothing here\n\n"), giveUpAfter: 50);
        using var guard = new CancellationTokenSource(RemoteServer.Guard);
        await using HttpSessionHost host = Host(server);

        await using SessionSubscription events = await host.SubscribeAsync(Journal, new SessionId("j"), null, null, guard.Token);

        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await foreach (SessionEvent unexpected in events.WithCancellation(guard.Token))
            {
                Assert.Fail($"no event was expected, got {unexpected.Payload}");
            }
        });
        Assert.InRange(server.Opened, 2, 4);
    }

    private static HttpSessionHost Host(FakeServer server) =>
        new(new HttpClient(server) { BaseAddress = new Uri("http://fake.invalid/"), Timeout = RemoteServer.Guard }, options =>
        {
            options.SerializerOptions = RemoteServer.Json;
            options.Map(Journal, "/journals");
            options.Event<Noted>();
            options.MaxReconnectAttempts = 3;
            options.MaxReconnectDelay = TimeSpan.FromMilliseconds(1);
        });

    private static HttpResponseMessage Stream(string body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/event-stream"),
    };

    private sealed class FakeServer(Func<HttpRequestMessage, HttpResponseMessage> answer, int giveUpAfter) : HttpMessageHandler
    {
        private int opened;

        public int Opened => Volatile.Read(ref opened);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref opened) > giveUpAfter)
            {
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
                {
                    Content = new StringContent("""{"title":"Session not found","status":404,"error":"SessionNotFoundException"}""", Encoding.UTF8, "application/problem+json"),
                });
            }

            return Task.FromResult(answer(request));
        }
    }
}
