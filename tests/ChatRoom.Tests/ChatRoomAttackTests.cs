using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom's endpoints tried as an attacker would, with plain HTTP clients (each its own cookie jar): speaking as
/// someone else, reading someone else's private events, and posting from another site with a signed-in user's cookie.
/// </summary>
public sealed class ChatRoomAttackTests
{
    [Fact]
    public async Task A_signed_in_user_cannot_speak_as_someone_else_and_an_anonymous_one_cannot_speak_at_all()
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using HttpClient mallory = await SignedInAsync(server, "mallory");
        using HttpClient anonymous = Client(server);
        string room = await LobbyAsync(mallory);
        (await mallory.PostAsync($"/rooms/{room}/Join", Json("{}"))).Dispose();

        using HttpResponseMessage withName = await mallory.PostAsync($"/rooms/{room}/Say", Json("""{"name":"ann","from":"ann","text":"I am ann"}"""));
        using var asAnn = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{room}/Say") { Content = Json("""{"text":"really ann"}""") };
        asAnn.Headers.Add("SessionGen-Participant", "ann");
        using HttpResponseMessage withHeader = await mallory.SendAsync(asAnn);
        using HttpResponseMessage anonymousSay = await anonymous.PostAsync($"/rooms/{room}/Say", Json("""{"text":"nobody"}"""));

        Assert.Equal(HttpStatusCode.OK, withName.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousSay.StatusCode);
        Assert.Equal("application/problem+json", anonymousSay.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["mallory: I am ann"], await HistoryAsync(anonymous, room));
    }

    [Fact]
    public async Task Another_users_event_stream_is_403()
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using HttpClient mallory = await SignedInAsync(server, "mallory");
        string room = await LobbyAsync(mallory);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/rooms/{room}/events?participant=ann");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using HttpResponseMessage refused = await mallory.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("application/json", "https://evil.example", null, HttpStatusCode.Forbidden)] // a JSON post from another origin (CORS would stop the browser; the app refuses it anyway)
    [InlineData("application/json", null, "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("application/json", null, "same-site", HttpStatusCode.Forbidden)] // a sibling subdomain: same site, other origin
    [InlineData("application/x-www-form-urlencoded", null, null, HttpStatusCode.UnsupportedMediaType)] // a form, from a browser that sends neither header
    [InlineData("text/plain", null, null, HttpStatusCode.UnsupportedMediaType)]
    public async Task A_cross_site_post_with_the_users_cookie_is_refused_and_says_nothing_in_the_room(
        string contentType, string? origin, string? fetchSite, HttpStatusCode refusal)
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using HttpClient ann = await SignedInAsync(server, "ann");
        string room = await LobbyAsync(ann);
        (await ann.PostAsync($"/rooms/{room}/Join", Json("{}"))).Dispose();

        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{room}/Say") { Content = new StringContent("""{"text":"forged"}""", Encoding.UTF8) };
        forged.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (origin is not null)
        {
            forged.Headers.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            forged.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        using HttpResponseMessage refused = await ann.SendAsync(forged);
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/rooms/{room}/Say") { Content = Json("""{"text":"mine"}""") };
        own.Headers.Add("Origin", server.Address.TrimEnd('/'));
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        using HttpResponseMessage accepted = await ann.SendAsync(own);

        Assert.Equal(refusal, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(["ann: mine"], await HistoryAsync(ann, room));
    }

    [Fact]
    public async Task Signing_in_takes_json_only_and_refuses_a_name_someone_else_has_in_the_room()
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using HttpClient ann = await SignedInAsync(server, "ann");
        string room = await LobbyAsync(ann);
        (await ann.PostAsync($"/rooms/{room}/Join", Json("{}"))).Dispose();
        using HttpClient other = Client(server);

        using HttpResponseMessage form = await other.PostAsync("/signin", new FormUrlEncodedContent([new("name", "eve")]));
        using HttpResponseMessage taken = await other.PostAsync("/signin", Json("""{"name":"ANN"}"""));
        using HttpResponseMessage again = await ann.PostAsync("/signin", Json("""{"name":"ann"}"""));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Theory]
    [InlineData("ann\u200B")] // a zero-width space after it
    [InlineData("\u200Dann")] // a zero-width joiner before it
    public async Task A_name_that_only_looks_like_one_in_the_room_is_refused(string lookalike)
    {
        await using ChatRoomServer server = await ChatRoomServer.StartAsync();
        using HttpClient ann = await SignedInAsync(server, "ann");
        string room = await LobbyAsync(ann);
        (await ann.PostAsync($"/rooms/{room}/Join", Json("{}"))).Dispose();
        using HttpClient other = Client(server);

        using HttpResponseMessage signIn = await other.PostAsync("/signin", Json($$"""{"name":"{{lookalike}}"}"""));

        Assert.True(signIn.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"{signIn.StatusCode}");
    }

    private static HttpClient Client(ChatRoomServer server) =>
        new(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.Address),
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static async Task<HttpClient> SignedInAsync(ChatRoomServer server, string name)
    {
        HttpClient client = Client(server);
        using HttpResponseMessage signedIn = await client.PostAsync("/signin", Json($$"""{"name":"{{name}}"}"""));
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        return client;
    }

    private static async Task<string> LobbyAsync(HttpClient client)
    {
        using JsonDocument lobby = JsonDocument.Parse(await client.GetStringAsync("/lobby"));
        return lobby.RootElement.GetProperty("sessionId").GetString()!;
    }

    private static async Task<string[]> HistoryAsync(HttpClient client, string room)
    {
        using HttpResponseMessage look = await client.PostAsync($"/rooms/{room}/Look", Json("{}"));
        using JsonDocument view = JsonDocument.Parse(await look.Content.ReadAsStringAsync());
        return [.. view.RootElement.GetProperty("history").EnumerateArray().Select(static m => $"{m.GetProperty("from").GetString()}: {m.GetProperty("text").GetString()}")];
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
