using System.Text.Json;

namespace SessionGen.ChatRoom.Tests;

/// <summary>
/// The ChatRoom's OpenAPI document (<c>AddOpenApi</c>, <c>MapOpenApi</c>) as a client generator reads it from the running
/// app: the rooms' operations one by one, with their messages, results, event stream and problem details.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private ChatRoomServer server = null!;
    private JsonDocument document = null!;

    private JsonElement Paths => document.RootElement.GetProperty("paths");

    public async Task InitializeAsync()
    {
        server = await ChatRoomServer.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Address), Timeout = TimeSpan.FromSeconds(30) };
        using HttpResponseMessage response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        document?.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public void Each_operation_of_a_room_is_an_operation_of_its_own_tagged_with_the_process()
    {
        string[] rooms = [.. Paths.EnumerateObject().Select(static path => path.Name).Where(static path => path.StartsWith("/rooms", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

        Assert.Equal(
            ["/rooms", "/rooms/{sessionId}/Find", "/rooms/{sessionId}/Join", "/rooms/{sessionId}/Leave", "/rooms/{sessionId}/Look", "/rooms/{sessionId}/Say", "/rooms/{sessionId}/events"],
            rooms);
        foreach (string path in rooms)
        {
            JsonProperty method = Assert.Single(Paths.GetProperty(path).EnumerateObject());
            Assert.Equal(path.EndsWith("/events", StringComparison.Ordinal) ? "get" : "post", method.Name);
            Assert.Equal("ChatRoom.Room", Assert.Single(method.Value.GetProperty("tags").EnumerateArray()).GetString());
        }

        Assert.Equal("ChatRoom.Room.Say", Operation("/rooms/{sessionId}/Say", "post").GetProperty("operationId").GetString());
        Assert.Contains(
            Operation("/rooms/{sessionId}/Say", "post").GetProperty("parameters").EnumerateArray(),
            parameter => parameter.GetProperty("name").GetString() == "sessionId" && parameter.GetProperty("in").GetString() == "path");
    }

    [Fact]
    public void A_message_is_an_object_of_the_handlers_parameters_under_their_json_names()
    {
        JsonElement say = JsonSchema(Operation("/rooms/{sessionId}/Say", "post").GetProperty("requestBody"), "application/json");

        Assert.Equal("object", say.GetProperty("type").GetString());
        Assert.Equal(["text"], say.GetProperty("properties").EnumerateObject().Select(static p => p.Name));
        Assert.Equal("string", say.GetProperty("properties").GetProperty("text").GetProperty("type").GetString());
        Assert.Equal(["text"], say.GetProperty("required").EnumerateArray().Select(static r => r.GetString()));

        JsonElement open = JsonSchema(Operation("/rooms", "post").GetProperty("requestBody"), "application/json");
        Assert.Equal(["topic"], open.GetProperty("properties").EnumerateObject().Select(static p => p.Name));
    }

    [Fact]
    public void A_result_has_its_types_schema_an_operation_without_one_answers_204_and_a_start_201_with_the_id()
    {
        JsonElement responses = Operation("/rooms/{sessionId}/Say", "post").GetProperty("responses");
        Assert.Equal("boolean", JsonSchema(responses.GetProperty("200"), "application/json").GetProperty("type").GetString());

        JsonElement look = JsonSchema(Operation("/rooms/{sessionId}/Look", "post").GetProperty("responses").GetProperty("200"), "application/json");
        Assert.Equal(["topic", "members", "history"], look.GetProperty("properties").EnumerateObject().Select(static p => p.Name));

        JsonElement leave = Operation("/rooms/{sessionId}/Leave", "post").GetProperty("responses");
        Assert.True(leave.TryGetProperty("204", out _));
        Assert.False(leave.TryGetProperty("200", out _));

        JsonElement started = JsonSchema(Operation("/rooms", "post").GetProperty("responses").GetProperty("201"), "application/json");
        Assert.Equal("string", started.GetProperty("properties").GetProperty("sessionId").GetProperty("type").GetString());
    }

    [Fact]
    public void The_event_stream_is_text_event_stream()
    {
        JsonElement ok = Operation("/rooms/{sessionId}/events", "get").GetProperty("responses").GetProperty("200");

        Assert.Equal(["text/event-stream"], ok.GetProperty("content").EnumerateObject().Select(static c => c.Name));
    }

    [Theory]
    [InlineData("/rooms/{sessionId}/Say", "post", new[] { "400", "401", "404", "409", "413", "415" })] // Say needs a signed-in caller
    [InlineData("/rooms", "post", new[] { "400", "404", "409", "413", "415" })]
    [InlineData("/rooms/{sessionId}/events", "get", new[] { "400", "401", "403", "404" })]
    public void Errors_are_problem_details(string path, string method, string[] statuses)
    {
        JsonElement responses = Operation(path, method).GetProperty("responses");

        foreach (string status in statuses)
        {
            JsonElement problem = JsonSchema(responses.GetProperty(status), "application/problem+json");
            Assert.Equal(
                ["type", "title", "status", "detail", "instance"],
                problem.GetProperty("properties").EnumerateObject().Select(static p => p.Name).Take(5));
        }
    }

    private JsonElement Operation(string path, string method) => Paths.GetProperty(path).GetProperty(method);

    /// <summary>The schema of a request body or response in <paramref name="mediaType"/>, following a reference to a component.</summary>
    private JsonElement JsonSchema(JsonElement bodyOrResponse, string mediaType)
    {
        JsonElement schema = bodyOrResponse.GetProperty("content").GetProperty(mediaType).GetProperty("schema");
        return schema.TryGetProperty("$ref", out JsonElement reference) && reference.GetString() is { } id
            ? document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(id["#/components/schemas/".Length..])
            : schema;
    }
}
