namespace SessionGen.Http.Tests;

/// <summary>Session ids a client chooses (<c>POST prefix?sessionId=</c>) that a URL does not carry as they are.</summary>
public sealed class ClientChosenIdTests(RemoteServer server) : IClassFixture<RemoteServer>
{
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task A_dot_segment_id_is_refused_rather_than_started_as_a_session_no_URL_reaches(string chosen)
    {
        var id = new SessionId(chosen);

        // Started under "..", the session's own URLs (prefix/../Count) are normalized away by every HTTP client.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => server.Host.SendAsync(id, new Journal.Messages.Open("dots"), default).AsTask());

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(server.ServerHost.Contains(id));
    }
}
