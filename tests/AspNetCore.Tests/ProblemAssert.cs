using System.Net;
using System.Text.Json;

namespace SessionGen.AspNetCore.Tests;

/// <summary>Checks that a response is an RFC 7807 problem with the given status, and returns its JSON.</summary>
internal static class ProblemAssert
{
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? body = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument problem = JsonDocument.Parse(body ?? await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-", problem.RootElement.GetProperty("type").GetString());
        return problem.RootElement.Clone();
    }
}
