using System.Net;
using System.Text;
using System.Text.Json;
using static SessionGen.AspNetCore.Tests.ProblemAssert;

namespace SessionGen.AspNetCore.Tests;

/// <summary><c>POST /notebooks</c> and <c>POST /notebooks/{id}/{operation}</c> against a real server: results and every error status.</summary>
public sealed class MessageEndpointTests(NotebookServer server) : IClassFixture<NotebookServer>
{
    [Fact]
    public async Task Starting_a_session_answers_201_with_its_id_its_location_and_the_starters_result()
    {
        using HttpResponseMessage response = await server.Client.PostAsync("/notebooks", NotebookServer.Json("""{"title":"diary"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string id = body.RootElement.GetProperty("sessionId").GetString()!;
        Assert.Equal("DIARY", body.RootElement.GetProperty("result").GetString());
        Assert.Equal($"/notebooks/{id}", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("Open", HttpStatusCode.Created)]
    [InlineData("open", HttpStatusCode.Created)] // the same rule as operation names in paths
    [InlineData("Note", HttpStatusCode.NotFound)] // not a starter
    public async Task The_starter_query_names_a_starter_in_any_case(string starter, HttpStatusCode status)
    {
        using HttpResponseMessage response = await server.Client.PostAsync($"/notebooks?starter={starter}", NotebookServer.Json("""{"title":"diary"}"""));

        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public async Task An_operation_answers_its_result_as_json_and_one_without_a_result_answers_204()
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage noted = await server.SendAsync(id, "Note", """{"Text":"first","number":7,"mood":"Excited"}""");
        using HttpResponseMessage defaults = await server.SendAsync(id, "Note", """{"text":"second","number":8}""");
        using HttpResponseMessage cleared = await server.SendAsync(id, "Clear", "");

        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.Equal("application/json", noted.Content.Headers.ContentType?.MediaType);
        Assert.Equal("\"1:first:7:Excited\"", await noted.Content.ReadAsStringAsync());
        Assert.Equal("\"2:second:8:none\"", await defaults.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
    }

    [Fact]
    public async Task An_unknown_session_is_404()
    {
        using HttpResponseMessage response = await server.SendAsync("no-such-session", "Note", """{"text":"x","number":1}""");

        JsonElement problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Session not found", problem.GetProperty("title").GetString());
        Assert.Equal("no-such-session", problem.GetProperty("sessionId").GetString());
    }

    [Theory]
    [InlineData("Scribble")]
    [InlineData("Open")] // a starter is not an operation of a running session
    [InlineData("open")] // in any case
    public async Task An_unknown_operation_is_404(string operation)
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage response = await server.SendAsync(id, operation, "{}");

        JsonElement problem = await AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Unknown operation", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("note")]
    [InlineData("NOTE")]
    [InlineData("nOtE")]
    public async Task Operation_names_in_paths_are_read_in_any_case_like_the_properties_of_the_body(string operation)
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage response = await server.SendAsync(id, operation, """{"TEXT":"hi","number":2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1:hi:2:none\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{not json", "")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("""{"text":"x","number":"seven"}""", "'number'")]
    [InlineData("""{"text":"x"}""", "Property 'number' is missing")]
    [InlineData("""{"text":null,"number":1}""", "Property 'text' must not be null")]
    [InlineData("""{"text":"x","number":1} trailing""", "")]
    public async Task Malformed_json_or_a_type_mismatch_is_400(string json, string explanation)
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage response = await server.SendAsync(id, "Note", json);

        JsonElement problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(explanation, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_faulted_handler_is_500_without_its_exception_or_stack_trace()
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage response = await server.SendAsync(id, "Crash", "{}");

        string body = await response.Content.ReadAsStringAsync();
        JsonElement problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError, body);
        Assert.Equal("Handler failed", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("secret internal detail", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);

        // The fault ended the session (the default fault policy).
        using HttpResponseMessage after = await server.SendAsync(id, "Clear", "");
        await AssertProblemAsync(after, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_a_content_length()
    {
        string id = await server.OpenAsync();
        string big = $$"""{"text":"{{new string('x', NotebookServer.BodyLimit)}}","number":1}""";

        using HttpResponseMessage declared = await server.SendAsync(id, "Note", big);
        using var streamed = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(big)));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using HttpResponseMessage chunked = await server.Client.PostAsync($"/notebooks/{id}/Note", streamed);

        await AssertProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge);
        await AssertProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        using HttpResponseMessage small = await server.SendAsync(id, "Note", """{"text":"fits","number":1}""");
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task A_closed_session_is_404_afterwards()
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage closed = await server.SendAsync(id, "Close", "");
        using HttpResponseMessage after = await server.SendAsync(id, "Clear", "");

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await AssertProblemAsync(after, HttpStatusCode.NotFound);
    }

    /// <summary>A body the client must send chunked, with no Content-Length for the server to check up front.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
