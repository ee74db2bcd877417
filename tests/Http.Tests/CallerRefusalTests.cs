namespace SessionGen.Http.Tests;

/// <summary>An HTTP client's identity is its HttpClient's authentication: a SessionCaller object cannot travel.</summary>
public sealed class CallerRefusalTests(RemoteServer server) : IClassFixture<RemoteServer>
{
    [Fact]
    public async Task A_caller_is_refused_with_a_message_that_says_where_the_identity_comes_from()
    {
        ISessionHost host = server.Host;
        var ann = new SessionCaller("ann");

        var sent = await Assert.ThrowsAsync<NotSupportedException>(
            () => host.SendAsync(SessionId.New(), new Journal.Messages.Open("x"), ann, null, default).AsTask());
        Assert.Throws<NotSupportedException>(() => host.Post(SessionId.New(), new Journal.Messages.Note("x", 1), ann, null));
        await Assert.ThrowsAsync<NotSupportedException>(() => host.As(ann).SendAsync(SessionId.New(), new Journal.Messages.Open("x"), default).AsTask());

        Assert.Contains("HttpClient", sent.Message, StringComparison.Ordinal);
        Assert.Contains("'ann'", sent.Message, StringComparison.Ordinal);
    }
}
