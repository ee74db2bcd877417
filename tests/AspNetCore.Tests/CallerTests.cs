using System.Net;
using System.Text.Json;
using static SessionGen.AspNetCore.Tests.ProblemAssert;
using static SessionGen.AspNetCore.Tests.SignedInServer;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// The caller a handler sees over HTTP is the signed-in user (its cookie), never something the request's body or headers
/// claim. Tried as an attacker would: a signed-in user trying to speak as another.
/// </summary>
public sealed class CallerTests(SignedInServer server) : IClassFixture<SignedInServer>
{
    [Fact]
    public async Task A_signed_in_user_posts_as_itself_whatever_the_body_says()
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");

        // The handler's caller parameter is not a message property: a "caller" in the body is not read as one.
        using HttpResponseMessage posted = await ann.PostAsync($"/forums/{forum}/Post", Json("""{"text":"hi","caller":"bob","name":"bob"}"""));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("\"ann\"", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_starters_handler_sees_the_signed_in_user_or_nobody()
    {
        HttpClient ann = await server.ClientFor("ann");

        using HttpResponseMessage byAnn = await ann.PostAsync("/forums", Json("{}"));
        using HttpResponseMessage byNobody = await server.Anonymous.PostAsync("/forums", Json("""{"owner":"ann"}"""));

        Assert.Equal("ann", JsonDocument.Parse(await byAnn.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetString());
        Assert.Equal("(anonymous)", JsonDocument.Parse(await byNobody.Content.ReadAsStringAsync()).RootElement.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_Message_Id_another_user_sent_gets_the_senders_own_answer_and_a_start_with_one_starts()
    {
        HttpClient ann = await server.ClientFor("ann");
        HttpClient bob = await server.ClientFor("bob");
        using var start = new HttpRequestMessage(HttpMethod.Post, "/forums") { Content = Json("{}") };
        start.Headers.Add("Message-Id", "start-1");
        using HttpResponseMessage started = await ann.SendAsync(start);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string forum = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;

        Assert.Equal("\"ann\"", await WhoAmIAsync(ann, forum, "m-1"));
        Assert.Equal("\"bob\"", await WhoAmIAsync(bob, forum, "m-1")); // not ann's answer
        Assert.Equal("\"(anonymous)\"", await WhoAmIAsync(server.Anonymous, forum, "m-1"));
    }

    [Fact]
    public async Task A_Message_Id_reused_for_another_operation_is_409_problem_details_sent_or_posted()
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");
        Assert.Equal("\"ann\"", await WhoAmIAsync(ann, forum, "m-1"));

        using var sent = new HttpRequestMessage(HttpMethod.Post, $"/forums/{forum}/Count") { Content = Json("{}") };
        sent.Headers.Add("Message-Id", "m-1");
        using var posted = new HttpRequestMessage(HttpMethod.Post, $"/forums/{forum}/Count") { Content = Json("{}") };
        posted.Headers.Add("Message-Id", "m-1");
        posted.Headers.Add("Prefer", "respond-async");

        await AssertProblemAsync(await ann.SendAsync(sent), HttpStatusCode.Conflict);
        await AssertProblemAsync(await ann.SendAsync(posted), HttpStatusCode.Conflict);
    }

    private static async Task<string> WhoAmIAsync(HttpClient client, string forum, string messageId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/forums/{forum}/WhoAmI") { Content = Json("{}") };
        request.Headers.Add("Message-Id", messageId);
        using HttpResponseMessage response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_signed_in_user_naming_another_participant_is_403_and_nothing_is_posted()
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");

        using var asBob = new HttpRequestMessage(HttpMethod.Post, $"/forums/{forum}/Post") { Content = Json("""{"text":"forged"}""") };
        asBob.Headers.Add("SessionGen-Participant", "bob");
        using HttpResponseMessage header = await ann.SendAsync(asBob);
        using HttpResponseMessage query = await ann.PostAsync($"/forums/{forum}/Post?participant=bob", Json("""{"text":"forged"}"""));
        using HttpResponseMessage count = await ann.PostAsync($"/forums/{forum}/Count", Json("{}"));

        await AssertProblemAsync(header, HttpStatusCode.Forbidden);
        await AssertProblemAsync(query, HttpStatusCode.Forbidden);
        Assert.Equal("0", await count.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_call_to_a_handler_that_needs_a_caller_is_401_and_one_that_takes_an_optional_caller_runs()
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");

        using HttpResponseMessage post = await server.Anonymous.PostAsync($"/forums/{forum}/Post", Json("""{"text":"anonymous"}"""));
        using HttpResponseMessage oneWay = await PostPreferAsync(server.Anonymous, $"/forums/{forum}/Post", """{"text":"anonymous"}""");
        using HttpResponseMessage whoAmI = await server.Anonymous.PostAsync($"/forums/{forum}/WhoAmI", Json("{}"));
        using HttpResponseMessage annWhoAmI = await ann.PostAsync($"/forums/{forum}/WhoAmI", Json("{}"));
        using HttpResponseMessage count = await ann.PostAsync($"/forums/{forum}/Count", Json("{}"));

        JsonElement problem = await AssertProblemAsync(post, HttpStatusCode.Unauthorized);
        Assert.Equal("SessionCallerRequiredException", problem.GetProperty("error").GetString());
        await AssertProblemAsync(oneWay, HttpStatusCode.Unauthorized);
        Assert.Equal("\"(anonymous)\"", await whoAmI.Content.ReadAsStringAsync());
        Assert.Equal("\"ann\"", await annWhoAmI.Content.ReadAsStringAsync());
        Assert.Equal("0", await count.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_request_naming_a_participant_is_401_when_the_server_does_not_allow_it()
    {
        HttpClient ann = await server.ClientFor("ann");
        string forum = await OpenAsync(ann, "/forums");

        using var asAnn = new HttpRequestMessage(HttpMethod.Post, $"/forums/{forum}/Post") { Content = Json("""{"text":"forged"}""") };
        asAnn.Headers.Add("SessionGen-Participant", "ann");
        using HttpResponseMessage refused = await server.Anonymous.SendAsync(asAnn);
        using HttpResponseMessage count = await ann.PostAsync($"/forums/{forum}/Count", Json("{}"));

        await AssertProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("0", await count.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostPreferAsync(HttpClient client, string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json) };
        request.Headers.Add("Prefer", "respond-async");
        return client.SendAsync(request);
    }
}
