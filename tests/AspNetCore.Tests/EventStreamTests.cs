using System.Net;
using System.Text.Json;

namespace SessionGen.AspNetCore.Tests;

/// <summary><c>GET /notebooks/{id}/events</c>: Server-Sent Events whose ids are the session's sequence numbers.</summary>
public sealed class EventStreamTests(NotebookServer server) : IClassFixture<NotebookServer>
{
    [Fact]
    public async Task A_reconnect_with_Last_Event_ID_neither_loses_nor_repeats_an_event()
    {
        string id = await server.OpenAsync();
        var received = new List<ServerSentEvents.Event>();

        await using (ServerSentEvents first = await ServerSentEvents.OpenAsync(server.Client, $"/notebooks/{id}/events"))
        {
            await NoteAsync(id, 1, 2, 3);
            for (int i = 0; i < 3; i++)
            {
                received.Add((await first.ReadAsync())!);
            }
        }

        // Emitted while no one listens.
        await NoteAsync(id, 4, 5);

        await using (ServerSentEvents second = await ServerSentEvents.OpenAsync(server.Client, $"/notebooks/{id}/events", lastEventId: received[^1].Id))
        {
            received.Add((await second.ReadAsync())!);
            received.Add((await second.ReadAsync())!);
            await NoteAsync(id, 6);
            received.Add((await second.ReadAsync())!);
        }

        Assert.Equal(["1", "2", "3", "4", "5", "6"], received.Select(static e => e.Id));
        Assert.All(received, static e => Assert.Equal(nameof(Noted), e.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6], received.Select(static e => JsonDocument.Parse(e.Data).RootElement.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Naming_a_participant_without_signing_in_is_401_where_the_server_does_not_take_participants_from_the_request()
    {
        string id = await server.OpenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/notebooks/{id}/events?participant=ann");

        using HttpResponseMessage refused = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        await ProblemAssert.AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_history_retained_is_replayed_from_lastEventId_0_and_the_stream_ends_with_the_session()
    {
        string id = await server.OpenAsync();
        await NoteAsync(id, 1, 2);
        await using ServerSentEvents stream = await ServerSentEvents.OpenAsync(server.Client, $"/notebooks/{id}/events?lastEventId=0");

        ServerSentEvents.Event first = (await stream.ReadAsync())!;
        ServerSentEvents.Event second = (await stream.ReadAsync())!;
        using (await server.SendAsync(id, "Close", ""))
        {
        }

        ServerSentEvents.Event ended = (await stream.ReadAsync())!;
        Assert.Equal(("1", "2"), (first.Id, second.Id));
        Assert.Equal(("sessiongen.ended", """{"faulted":false}"""), (ended.Name, ended.Data));
        Assert.Null(await stream.ReadAsync());
    }

    [Fact]
    public async Task Events_of_an_unknown_session_are_404_and_a_bad_Last_Event_ID_is_400()
    {
        using HttpResponseMessage unknown = await server.Client.GetAsync("/notebooks/nobody/events");
        string id = await server.OpenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/notebooks/{id}/events");
        request.Headers.Add("Last-Event-ID", "seven");
        using HttpResponseMessage bad = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task NoteAsync(string id, params int[] numbers)
    {
        foreach (int number in numbers)
        {
            using HttpResponseMessage response = await server.SendAsync(id, "Note", $$"""{"text":"n{{number}}","number":{{number}}}""");
            response.EnsureSuccessStatusCode();
        }
    }
}
