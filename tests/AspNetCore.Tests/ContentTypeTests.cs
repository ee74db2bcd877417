using System.Net;
using System.Text;
using System.Text.Json;
using static SessionGen.AspNetCore.Tests.ProblemAssert;

namespace SessionGen.AspNetCore.Tests;

/// <summary>
/// Only JSON media types are read. <c>text/plain</c>, form and multipart bodies (and a POST with no content type) are
/// what another site's page can send without a CORS preflight, so accepting them would let it post into a session
/// on behalf of a user whose cookies the browser attaches.
/// </summary>
public sealed class ContentTypeTests(NotebookServer server) : IClassFixture<NotebookServer>
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")] // bodies are read as UTF-8 (RFC 8259)
    [InlineData(null)]
    public async Task A_message_that_is_not_declared_json_is_415_and_never_reaches_its_handler(string? contentType)
    {
        string id = await server.OpenAsync();

        using HttpResponseMessage refused = await PostAsync($"/notebooks/{id}/Note", """{"text":"forged","number":1}""", contentType);
        using HttpResponseMessage next = await server.SendAsync(id, "Note", """{"text":"real","number":2}""");

        JsonElement problem = await AssertProblemAsync(refused, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("Unsupported media type", problem.GetProperty("title").GetString());
        Assert.Equal("\"1:real:2:none\"", await next.Content.ReadAsStringAsync()); // the forged note was never counted
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_start_that_is_not_declared_json_is_415_and_starts_no_session(string? contentType)
    {
        int before = server.Host.SessionCount;

        using HttpResponseMessage refused = await PostAsync("/notebooks", """{"title":"forged"}""", contentType);

        await AssertProblemAsync(refused, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, server.Host.SessionCount);
    }

    [Fact]
    public async Task An_empty_post_without_a_content_type_is_415_too()
    {
        // A cross-site fetch with no body sends no Content-Type and needs no preflight either.
        string id = await server.OpenAsync();

        using HttpResponseMessage refused = await server.Client.PostAsync($"/notebooks/{id}/Close", content: null);
        using HttpResponseMessage stillOpen = await server.SendAsync(id, "Clear", "");

        await AssertProblemAsync(refused, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.NoContent, stillOpen.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;Charset=\"UTF-8\"")]
    [InlineData("application/vnd.foo+json")]
    [InlineData("application/problem+json; charset=utf-8")]
    public async Task Json_and_structured_json_media_types_are_read(string contentType)
    {
        using HttpResponseMessage started = await PostAsync("/notebooks", """{"title":"diary"}""", contentType);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await started.Content.ReadAsStringAsync());
        string id = body.RootElement.GetProperty("sessionId").GetString()!;

        using HttpResponseMessage noted = await PostAsync($"/notebooks/{id}/Note", """{"text":"first","number":7}""", contentType);
        using HttpResponseMessage cleared = await PostAsync($"/notebooks/{id}/Clear", "", contentType);

        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.Equal("\"1:first:7:none\"", await noted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            Assert.True(content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        }

        return SendAndDisposeAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await server.Client.SendAsync(request);
        }
    }
}
