namespace SessionGen.AspNetCore.Tests;

/// <summary>Event streams are long-lived requests; they must not hold the application's shutdown up.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_application_ends_open_event_streams()
    {
        var server = new NotebookServer();
        await server.InitializeAsync();
        string id = await server.OpenAsync();
        var client = new HttpClient { BaseAddress = server.Client.BaseAddress, Timeout = NotebookServer.Guard };
        await using ServerSentEvents stream = await ServerSentEvents.OpenAsync(client, $"/notebooks/{id}/events");

        // Without the stream ending, Kestrel would wait for it until the host's shutdown timeout (30 s, past the guard).
        await server.DisposeAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Null(await stream.ReadAsync());
        client.Dispose();
    }
}
