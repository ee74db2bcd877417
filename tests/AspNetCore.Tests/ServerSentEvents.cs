using System.Net.Http.Headers;
using System.Text;

namespace SessionGen.AspNetCore.Tests;

/// <summary>A minimal text/event-stream client: the fields a browser's EventSource reads.</summary>
internal sealed class ServerSentEvents : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private ServerSentEvents(HttpResponseMessage response, Stream body)
    {
        this.response = response;
        reader = new StreamReader(body, Encoding.UTF8);
    }

    public sealed record Event(string? Id, string Name, string Data);

    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new ServerSentEvents(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (comments and the retry field skipped); null when the server closed the stream.</summary>
    public async Task<Event?> ReadAsync()
    {
        string? id = null;
        string name = "message";
        var data = new StringBuilder();
        bool any = false;
        while (await reader.ReadLineAsync().WaitAsync(NotebookServer.Guard) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new Event(id, name, data.ToString());
                }

                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon == 0)
            {
                continue; // a comment
            }

            string field = colon < 0 ? line : line[..colon];
            string value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    any = true;
                    break;
                case "event":
                    name = value;
                    any = true;
                    break;
                case "data":
                    data.Append(value);
                    any = true;
                    break;
            }
        }

        return null;
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
