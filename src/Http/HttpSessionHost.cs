using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// An <see cref="ISessionHost"/> whose sessions are served over HTTP by SessionGen.AspNetCore's
/// <c>MapSessionProcess</c>: the generated <c>P.StartAsync(host, …)</c>, <c>P.Connect(host, id)</c> and <c>P.Client</c>
/// work over it unchanged. Messages and results cross as the endpoints' JSON; errors come back from the problem details
/// as the exceptions a <see cref="SessionHost"/> throws; subscriptions read the Server-Sent Events stream and reopen it
/// with <c>Last-Event-ID</c> when it drops, so that nothing is lost or repeated.
/// </summary>
/// <remarks>
/// The host does not own the <see cref="HttpClient"/> (whose <see cref="HttpClient.BaseAddress"/> is the server); it
/// can be shared by any number of clients and sessions. Disposing it stops its one-way posting loop after the posts
/// already queued. Sends by correlation key (<see cref="SendAsync(object, CancellationToken)"/>) have no HTTP endpoint.
/// </remarks>
public sealed class HttpSessionHost : ISessionHost, IAsyncDisposable
{
    private const string MessageIdHeader = "Message-Id";
    private const string LastEventIdHeader = "Last-Event-ID";
    private const string MissedEventsHeader = "SessionGen-Missed-Events";
    private const string MissedEventName = "sessiongen.missed";
    private const string EndedEventName = "sessiongen.ended";
    private const string OverflowEventName = "sessiongen.overflow";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient http;
    private readonly HttpSessionHostOptions options;
    private readonly JsonSerializerOptions json;

    // One-way messages go out one at a time, in the order they were posted (as a SessionHost's mailbox takes them).
    private readonly Channel<PendingPost> posts = Channel.CreateUnbounded<PendingPost>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task posting;

    /// <summary>Creates a host over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the server.</summary>
    /// <param name="httpClient">The client that reaches the server; not owned (not disposed) by the host.</param>
    /// <param name="configure">Maps each process to its route prefix (<see cref="HttpSessionHostOptions.Map"/>) and sets the JSON options.</param>
    public HttpSessionHost(HttpClient httpClient, Action<HttpSessionHostOptions> configure)
    {
        http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        ArgumentNullException.ThrowIfNull(configure);
        options = new HttpSessionHostOptions();
        configure(options);
        json = options.SerializerOptions ?? throw new ArgumentException("SerializerOptions must be set.", nameof(configure));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriptionCapacity, 1, nameof(configure));
        posting = Task.Run(PostLoopAsync);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A starter's message is <c>POST prefix?starter=Name&amp;sessionId=id</c> (the server must allow client-chosen ids,
    /// <c>SessionHttpOptions.AllowClientSessionIds</c>); any other is <c>POST prefix/id/Name</c>.
    /// </remarks>
    public ValueTask<object?> SendAsync(SessionId id, object message, CancellationToken cancellationToken) =>
        new(SendCoreAsync(id, message, null, oneWay: false, cancellationToken));

    /// <inheritdoc/>
    /// <remarks>The id travels in the <c>Message-Id</c> request header: the server handles a repeat once.</remarks>
    public ValueTask<object?> SendAsync(SessionId id, object message, MessageId messageId, CancellationToken cancellationToken)
    {
        if (messageId.Value.Length == 0)
        {
            throw new ArgumentException("The message id is empty.", nameof(messageId));
        }

        return new(SendCoreAsync(id, message, messageId, oneWay: false, cancellationToken));
    }

    /// <summary>Not over HTTP: the endpoints address sessions by id only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ValueTask<object?> SendAsync(object message, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The HTTP endpoints address sessions by id; a send by correlation key has no HTTP form.");

    /// <summary>
    /// Queues <paramref name="message"/> for sending one way (<c>Prefer: respond-async</c>: the server answers 202 once
    /// the session has queued it, without waiting for the handler) and returns true at once: over a network, true means
    /// handed to this host, not accepted by the session. Posts go out one at a time in the order they were made; one the
    /// server refuses (no such session, ended, mailbox full, stopping) or that cannot reach it is reported to
    /// <see cref="HttpSessionHostOptions.PostFailed"/>. False only when this host has been disposed.
    /// </summary>
    public bool Post(SessionId id, object message) => Enqueue(id, message, null);

    /// <summary>As <see cref="Post(SessionId, object)"/>, with the <c>Message-Id</c> header: queued once per <paramref name="messageId"/>.</summary>
    public bool Post(SessionId id, object message, MessageId messageId) => Enqueue(id, message, messageId);

    /// <summary>
    /// As <see cref="SendAsync(SessionId, object, MessageId, CancellationToken)"/> without a caller: over HTTP the caller
    /// is whoever the server authenticates, so this host's identity is its <see cref="HttpClient"/>'s (its cookies, its
    /// <c>Authorization</c> header), not a <see cref="SessionCaller"/> object.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="caller"/> is not null.</exception>
    public ValueTask<object?> SendAsync(SessionId id, object message, SessionCaller? caller, MessageId? messageId, CancellationToken cancellationToken)
    {
        ThrowIfCaller(caller);
        return messageId is { } once ? SendAsync(id, message, once, cancellationToken) : SendAsync(id, message, cancellationToken);
    }

    /// <summary>Not over HTTP: the endpoints address sessions by id only (and the caller is the HTTP client's authentication).</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public ValueTask<object?> SendAsync(object message, SessionCaller? caller, CancellationToken cancellationToken)
    {
        ThrowIfCaller(caller);
        return SendAsync(message, cancellationToken);
    }

    /// <summary>As <see cref="Post(SessionId, object, MessageId)"/> without a caller (see <see cref="SendAsync(SessionId, object, SessionCaller?, MessageId?, CancellationToken)"/>).</summary>
    /// <exception cref="NotSupportedException"><paramref name="caller"/> is not null.</exception>
    public bool Post(SessionId id, object message, SessionCaller? caller, MessageId? messageId)
    {
        ThrowIfCaller(caller);
        return Enqueue(id, message, messageId);
    }

    private static void ThrowIfCaller(SessionCaller? caller)
    {
        if (caller is not null)
        {
            throw new NotSupportedException(
                $"An HttpSessionHost cannot send as caller '{caller.Id}': over HTTP the caller is whoever the server authenticates, " +
                "so give the HttpClient the credentials (a cookie, an Authorization header) of the user it speaks for.");
        }
    }

    /// <summary>
    /// As <see cref="SubscribeAsync"/> from now on, without waiting: the stream is opened in the background, so the
    /// subscription holds the events emitted once the server has opened it (not those emitted between this call's
    /// return and then, unlike a <see cref="SessionHost"/>'s), and a session the server does not know ends it with
    /// <see cref="SessionNotFoundException"/>. Await <see cref="SubscribeAsync"/> to know the stream is open.
    /// </summary>
    public SessionSubscription Subscribe(string process, SessionId id, string? participant)
    {
        string prefix = Prefix(process);
        var stop = new CancellationTokenSource();
        var feed = new SessionEventFeed(process, id, participant, options.SubscriptionCapacity, () => Cancel(stop));
        _ = Task.Run(() => OpenThenReadAsync(feed, prefix, id, participant, stop));
        return feed.Subscription;
    }

    /// <summary>
    /// Opens <c>GET prefix/id/events</c> (with <c>?participant=</c> and <c>Last-Event-ID: afterSequence</c>) and completes
    /// once the server has subscribed. The subscription then reads the stream on its own: it ends when the session ends
    /// (<c>sessiongen.ended</c>; with <see cref="SessionFaultedException"/> when a fault ended it), and when the stream
    /// drops, or the server closes it for a slow reader (<c>sessiongen.overflow</c>), it reopens it with the last id
    /// received (<see cref="HttpSessionHostOptions.MaxReconnectAttempts"/> times in a row at most). Events the server no
    /// longer retains by then add to <see cref="SessionSubscription.MissedEvents"/>. Payloads are typed as declared with
    /// <see cref="HttpSessionHostOptions.Event{TEvent}"/>, else <see cref="RestoredEvent"/>; the stream does not say which
    /// events were addressed to the participant, so <see cref="SessionEvent.Participant"/> is null.
    /// </summary>
    public async ValueTask<SessionSubscription> SubscribeAsync(
        string process, SessionId id, string? participant, long? afterSequence, CancellationToken cancellationToken)
    {
        string prefix = Prefix(process);
        var stop = new CancellationTokenSource();
        var feed = new SessionEventFeed(process, id, participant, options.SubscriptionCapacity, () => Cancel(stop));
        HttpResponseMessage response;
        try
        {
            response = await OpenStreamAsync(prefix, id, participant, afterSequence, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            stop.Dispose();
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                stop.Dispose();
                throw await ErrorAsync(response, id, "events", cancellationToken).ConfigureAwait(false);
            }
        }

        feed.AddMissed(MissedOf(response));
        _ = Task.Run(() => ReadStreamAsync(feed, prefix, id, participant, afterSequence, response, stop));
        return feed.Subscription;
    }

    /// <summary>A subscription made without waiting: opens its stream, then reads it as <see cref="SubscribeAsync"/>'s does.</summary>
    private async Task OpenThenReadAsync(SessionEventFeed feed, string prefix, SessionId id, string? participant, CancellationTokenSource stop)
    {
        HttpResponseMessage response;
        try
        {
            response = await OpenStreamAsync(prefix, id, participant, null, stop.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    feed.Complete(await ErrorAsync(response, id, "events", stop.Token).ConfigureAwait(false));
                }

                stop.Dispose();
                return;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            stop.Dispose(); // disposed by its reader before it opened
            return;
        }
        catch (Exception exception)
        {
            feed.Complete(exception);
            stop.Dispose();
            return;
        }

        feed.AddMissed(MissedOf(response));
        await ReadStreamAsync(feed, prefix, id, participant, null, response, stop).ConfigureAwait(false);
    }

    /// <summary>Stops the posting loop once the posts already queued have gone out.</summary>
    public async ValueTask DisposeAsync()
    {
        posts.Writer.TryComplete();
        await posting.ConfigureAwait(false);
    }

    private async Task<object?> SendCoreAsync(SessionId id, object message, MessageId? messageId, bool oneWay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        SessionOperation operation = OperationOf(message);
        string prefix = Prefix(operation.Process.ProtocolName);
        string path = operation.StartsSession
            ? $"{prefix}?starter={Uri.EscapeDataString(operation.Name)}&sessionId={Uri.EscapeDataString(id.Value)}"
            : $"{prefix}/{Uri.EscapeDataString(id.Value)}/{Uri.EscapeDataString(operation.Name)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        var content = new ByteArrayContent(operation.SerializeMessage(message, json));
        content.Headers.ContentType = Json;
        request.Content = content;
        if (messageId is { } once)
        {
            request.Headers.TryAddWithoutValidation(MessageIdHeader, once.Value);
        }

        if (oneWay && !operation.StartsSession)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "respond-async");
        }

        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, id, operation.Name, cancellationToken).ConfigureAwait(false);
        }

        if (oneWay || operation.ResultType is null || response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Accepted)
        {
            return null;
        }

        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!operation.StartsSession)
        {
            return operation.DeserializeResult(body, json);
        }

        // 201 {"sessionId": "…", "result": …}
        using JsonDocument started = JsonDocument.Parse(body);
        return started.RootElement.TryGetProperty("result", out JsonElement result)
            ? operation.DeserializeResult(Encoding.UTF8.GetBytes(result.GetRawText()), json)
            : null;
    }

    private bool Enqueue(SessionId id, object message, MessageId? messageId)
    {
        ArgumentNullException.ThrowIfNull(message);
        _ = Prefix(OperationOf(message).Process.ProtocolName); // an unmapped process fails the caller, not the loop
        return posts.Writer.TryWrite(new PendingPost(id, message, messageId));
    }

    private async Task PostLoopAsync()
    {
        await foreach (PendingPost post in posts.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await SendCoreAsync(post.Id, post.Message, post.MessageId, oneWay: true, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                try
                {
                    options.PostFailed?.Invoke(post.Id, OperationOf(post.Message).Name, exception);
                }
                catch (Exception)
                {
                    // A callback must not throw; one that does must not stop the posts after it.
                }
            }
        }
    }

    private async Task<HttpResponseMessage> OpenStreamAsync(string prefix, SessionId id, string? participant, long? after, CancellationToken cancellationToken)
    {
        string path = $"{prefix}/{Uri.EscapeDataString(id.Value)}/events";
        if (participant is not null)
        {
            path += $"?participant={Uri.EscapeDataString(participant)}";
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (after is { } sequence)
        {
            request.Headers.TryAddWithoutValidation(LastEventIdHeader, sequence.ToString(CultureInfo.InvariantCulture));
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the stream into the feed; reopens it after the last id received when it drops.</summary>
    private async Task ReadStreamAsync(
        SessionEventFeed feed, string prefix, SessionId id, string? participant, long? after, HttpResponseMessage response, CancellationTokenSource stop)
    {
        CancellationToken token = stop.Token;
        int failures = 0;
        try
        {
            while (true)
            {
                Exception? dropped = null;
                using (response)
                {
                    try
                    {
                        // Dropped, or closed by the server for us to come back (sessiongen.overflow): reopen at once.
                        // Only a stream that delivered an event resets the count of failures: one that ends, or fails on
                        // the same unreadable event, every time it is reopened must not be reopened forever.
                        if (await ReadEventsAsync(feed, id, response, token, sequence => (after, failures) = (sequence, 0)).ConfigureAwait(false) == StreamEnd.Over)
                        {
                            return;
                        }
                    }
                    catch (Exception exception) when (!token.IsCancellationRequested && exception is HttpRequestException or IOException or JsonException or InvalidOperationException)
                    {
                        dropped = exception;
                    }
                }

                // Reopen, after the last id received, with a bounded backoff over consecutive failures.
                while (true)
                {
                    if (failures > 0)
                    {
                        if (failures >= options.MaxReconnectAttempts)
                        {
                            feed.Complete(dropped ?? new IOException("The event stream could not be reopened."));
                            return;
                        }

                        await Task.Delay(Backoff(failures), token).ConfigureAwait(false);
                    }

                    failures++;
                    try
                    {
                        response = await OpenStreamAsync(prefix, id, participant, after, token).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !token.IsCancellationRequested))
                    {
                        // Unreachable, or the HttpClient's own timeout: try again, within the attempts allowed.
                        dropped = exception;
                        continue;
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        feed.AddMissed(MissedOf(response));
                        break;
                    }

                    using (response)
                    {
                        Exception error = await ErrorAsync(response, id, "events", token).ConfigureAwait(false);
                        if (error is SessionNotFoundException)
                        {
                            // It ended while the stream was down (its sessiongen.ended was lost with the connection).
                            feed.Complete();
                            return;
                        }

                        dropped = error;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The reader disposed the subscription.
        }
        catch (Exception exception)
        {
            feed.Complete(exception);
        }
        finally
        {
            stop.Dispose();
        }
    }

    private async Task<StreamEnd> ReadEventsAsync(SessionEventFeed feed, SessionId id, HttpResponseMessage response, CancellationToken token, Action<long> received)
    {
        using Stream body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        SseParser<byte[]> parser = SseParser.Create(body, static (_, data) => data.ToArray());
        await foreach (SseItem<byte[]> item in parser.EnumerateAsync(token).ConfigureAwait(false))
        {
            switch (item.EventType)
            {
                case MissedEventName:
                    continue; // counted from the response's header
                case EndedEventName:
                    bool faulted = JsonDocument.Parse(item.Data).RootElement.TryGetProperty("faulted", out JsonElement value) && value.ValueKind == JsonValueKind.True;
                    feed.Complete(faulted
                        ? new SessionFaultedException(id, "(remote)", new RemoteHandlerException(null, $"A handler fault ended session '{id}'."))
                        : null);
                    return StreamEnd.Over;
                case OverflowEventName:
                    return StreamEnd.Reopen;
            }

            if (!long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out long sequence))
            {
                continue; // not an event of a session
            }

            if (!feed.TryDeliver(new SessionEvent(id, sequence, Payload(item.EventType, item.Data))))
            {
                return StreamEnd.Over; // disposed, or the reader fell too far behind (it gets SubscriptionOverflowException)
            }

            received(sequence);
        }

        return StreamEnd.Dropped;
    }

    private object Payload(string name, byte[] data)
    {
        if (options.EventTypes.TryGetValue(name, out Type? type))
        {
            try
            {
                object? typed = JsonSerializer.Deserialize(data, json.GetTypeInfo(type));
                if (typed is not null)
                {
                    return typed;
                }
            }
            catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException)
            {
                // Not what was declared: deliver it as it came.
            }
        }

        using JsonDocument document = JsonDocument.Parse(data);
        return new RestoredEvent(name, document.RootElement.Clone());
    }

    private TimeSpan Backoff(int failures)
    {
        double milliseconds = 100 * Math.Pow(2, Math.Min(failures - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, options.MaxReconnectDelay.TotalMilliseconds));
    }

    private static long MissedOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(MissedEventsHeader, out IEnumerable<string>? values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out long missed)
            ? missed
            : 0;

    private static void Cancel(CancellationTokenSource stop)
    {
        try
        {
            stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream had already ended.
        }
    }

    private static SessionOperation OperationOf(object message) =>
        message is ISessionMessage typed
            ? typed.Operation
            : throw new ArgumentException($"{message.GetType()} is not a generated P.Messages.* record.", nameof(message));

    private string Prefix(string process) =>
        options.Prefixes.TryGetValue(process, out string? prefix)
            ? prefix
            : throw new InvalidOperationException($"Process '{process}' is not mapped to a route prefix: add options.Map(\"{process}\", \"/prefix\").");

    private static Task<Exception> ErrorAsync(HttpResponseMessage response, SessionId id, string operation, CancellationToken cancellationToken) =>
        ProblemDetails.ToExceptionAsync(response, id, operation, cancellationToken);

    private enum StreamEnd
    {
        Dropped,
        Reopen,
        Over,
    }

    private readonly record struct PendingPost(SessionId Id, object Message, MessageId? MessageId);
}
