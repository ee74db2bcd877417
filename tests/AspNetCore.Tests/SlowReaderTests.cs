using System.Text.Json;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// A Server-Sent Events client that does not read fast enough: its stream ends with <c>sessiongen.overflow</c> once it
/// has everything the server held for it, and a reconnect with <c>Last-Event-ID</c> gets the rest.
/// </summary>
public sealed class SlowReaderTests(SlowReaderServer server) : IClassFixture<SlowReaderServer>
{
    // 500 events of 16 KB: far more than the slow client's socket, the server's socket and response buffers
    // (a few MB at most) and the subscription's 16 together hold, and fewer than the session retains. They come in
    // bursts smaller than the subscription, so it is the unread network that makes it overflow, not one burst.
    private const int Total = 500;
    private const int Size = 16_000;
    private const int PerBurst = 10;

    [Fact]
    public async Task A_slow_reader_s_stream_ends_at_overflow_and_a_reconnect_with_Last_Event_ID_loses_nothing()
    {
        string id = await server.OpenAsync();
        var received = new List<ServerSentEvents.Event>();
        ServerSentEvents.Event? end;

        await using (ServerSentEvents slow = await ServerSentEvents.OpenAsync(server.SlowClient, $"/notebooks/{id}/events"))
        {
            // Nothing is read meanwhile: the network fills, the server's writes stop, then its subscription fills.
            for (int sent = 0; sent < Total; sent += PerBurst)
            {
                using HttpResponseMessage burst = await server.SendAsync(id, "Burst", $$"""{"count":{{PerBurst}},"size":{{Size}}}""");
                burst.EnsureSuccessStatusCode();
            }

            end = await ReadNotesAsync(slow, received, stopAt: Total); // all of them would mean no overflow
            Assert.NotNull(end);
            Assert.Null(await slow.ReadAsync()); // the server closed the stream
        }

        string lastEventId = received[^1].Id!;
        Assert.Equal("sessiongen.overflow", end.Name);
        using (JsonDocument overflow = JsonDocument.Parse(end.Data))
        {
            Assert.Equal(long.Parse(lastEventId), overflow.RootElement.GetProperty("lastEventId").GetInt64());
            Assert.Equal(SlowReaderServer.SubscriptionCapacity, overflow.RootElement.GetProperty("capacity").GetInt32());
        }

        Assert.InRange(received.Count, SlowReaderServer.SubscriptionCapacity, Total - 1);

        await using (ServerSentEvents resumed = await ServerSentEvents.OpenAsync(server.Client, $"/notebooks/{id}/events", lastEventId))
        {
            using (await server.SendAsync(id, "Close", ""))
            {
            }

            // No sessiongen.missed first: the rest was retained. Then the session's end.
            end = await ReadNotesAsync(resumed, received);
        }

        Assert.Equal("sessiongen.ended", end?.Name);
        Assert.Equal(Enumerable.Range(1, Total).Select(static n => n.ToString()), received.Select(static e => e.Id));
        Assert.Equal(Enumerable.Range(1, Total), received.Select(static e => JsonDocument.Parse(e.Data).RootElement.GetProperty("number").GetInt32()));
    }

    /// <summary>
    /// Reads notes into <paramref name="received"/> until another event (returned), the end of the stream or
    /// <paramref name="stopAt"/> notes in all (null).
    /// </summary>
    private static async Task<ServerSentEvents.Event?> ReadNotesAsync(ServerSentEvents stream, List<ServerSentEvents.Event> received, int stopAt = int.MaxValue)
    {
        while (await stream.ReadAsync() is { } next)
        {
            if (next.Name != nameof(Noted))
            {
                return next;
            }

            received.Add(next);
            if (received.Count == stopAt)
            {
                return null;
            }
        }

        return null;
    }
}
