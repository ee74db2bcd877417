using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using static SessionGen.AspNetCore.Tests.ProblemAssert;
using static SessionGen.AspNetCore.Tests.SignedInServer;

namespace SessionGen.AspNetCore.Tests;

/// <summary>An event stream's participant is its caller: a signed-in user reads its own <c>EmitTo</c> events only.</summary>
public sealed class CallerEventStreamTests(SignedInServer server) : IClassFixture<SignedInServer>
{
    [Fact]
    public async Task Each_user_reads_everyones_events_and_only_its_own_private_ones_and_an_anonymous_stream_only_the_public_ones()
    {
        HttpClient ann = await server.ClientFor("ann");
        HttpClient bob = await server.ClientFor("bob");
        string forum = await OpenAsync(ann, "/forums");
        await using ServerSentEvents annEvents = await ServerSentEvents.OpenAsync(ann, $"/forums/{forum}/events");
        await using ServerSentEvents bobEvents = await ServerSentEvents.OpenAsync(bob, $"/forums/{forum}/events?participant=bob");
        await using ServerSentEvents anonymousEvents = await ServerSentEvents.OpenAsync(server.Anonymous, $"/forums/{forum}/events");

        (await bob.PostAsync($"/forums/{forum}/Post", Json("""{"text":"from bob"}"""))).Dispose();
        (await ann.PostAsync($"/forums/{forum}/Post", Json("""{"text":"from ann"}"""))).Dispose();

        // Each post emits a public Posted, then a Whispered to its author: 1-2 are bob's, 3-4 ann's.
        Assert.Equal(["1 Posted bob", "3 Posted ann", "4 Whispered you posted 'from ann'"], await ReadAsync(annEvents, 3));
        Assert.Equal(["1 Posted bob", "2 Whispered you posted 'from bob'", "3 Posted ann"], await ReadAsync(bobEvents, 3));
        Assert.Equal(["1 Posted bob", "3 Posted ann"], await ReadAsync(anonymousEvents, 2));

        // Nothing more is held for anyone: a last public post is each stream's next event.
        (await ann.PostAsync($"/forums/{forum}/WhoAmI", Json("{}"))).Dispose();
        using HttpResponseMessage pin = await (await server.ClientFor("mod", "moderator")).PostAsync($"/forums/{forum}/Pin", Json("""{"text":"end"}"""));
        Assert.Equal(HttpStatusCode.NoContent, pin.StatusCode);
        Assert.Equal(["5 Posted mod"], await ReadAsync(bobEvents, 1));
        Assert.Equal(["5 Posted mod"], await ReadAsync(anonymousEvents, 1));
    }

    [Fact]
    public async Task Opening_another_participants_stream_is_403_and_naming_one_anonymously_is_401()
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");

        using HttpResponseMessage asBob = await OpenStreamAsync(ann, $"/forums/{forum}/events?participant=bob");
        using HttpResponseMessage anonymousAsAnn = await OpenStreamAsync(server.Anonymous, $"/forums/{forum}/events?participant=ann");

        JsonElement forbidden = await AssertProblemAsync(asBob, HttpStatusCode.Forbidden);
        Assert.Contains("'bob'", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblemAsync(anonymousAsAnn, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Resuming_with_Last_Event_ID_or_lastEventId_replays_only_the_callers_own_private_events()
    {
        HttpClient ann = await server.ClientFor("ann");
        HttpClient bob = await server.ClientFor("bob");
        string forum = await OpenAsync(ann, "/forums");
        (await ann.PostAsync($"/forums/{forum}/Post", Json("""{"text":"secret"}"""))).Dispose(); // 1 Posted, 2 Whispered to ann
        (await bob.PostAsync($"/forums/{forum}/Post", Json("""{"text":"hi"}"""))).Dispose(); // 3 Posted, 4 Whispered to bob

        // The header (which wins over the query) for bob; the query, as EventSource's first request, anonymously.
        await using ServerSentEvents bobResumed = await ServerSentEvents.OpenAsync(bob, $"/forums/{forum}/events?lastEventId=3", lastEventId: "0");
        await using ServerSentEvents anonymousResumed = await ServerSentEvents.OpenAsync(server.Anonymous, $"/forums/{forum}/events?lastEventId=0");

        Assert.Equal(["1 Posted ann", "3 Posted bob", "4 Whispered you posted 'hi'"], await ReadAsync(bobResumed, 3));
        Assert.Equal(["1 Posted ann", "3 Posted bob"], await ReadAsync(anonymousResumed, 2));
        (await (await server.ClientFor("mod", "moderator")).PostAsync($"/forums/{forum}/Pin", Json("""{"text":"end"}"""))).Dispose();
        Assert.Equal(["5 Posted mod"], await ReadAsync(bobResumed, 1));
        Assert.Equal(["5 Posted mod"], await ReadAsync(anonymousResumed, 1));
    }

    private static async Task<string[]> ReadAsync(ServerSentEvents stream, int count)
    {
        var read = new List<string>();
        for (int i = 0; i < count; i++)
        {
            ServerSentEvents.Event item = (await stream.ReadAsync().WaitAsync(NotebookServer.Guard))!;
            JsonElement data = JsonDocument.Parse(item.Data).RootElement;
            read.Add($"{item.Id} {item.Name} {(data.TryGetProperty("author", out JsonElement author) ? author.GetString() : data.GetProperty("text").GetString())}");
        }

        return [.. read];
    }

    private static Task<HttpResponseMessage> OpenStreamAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
