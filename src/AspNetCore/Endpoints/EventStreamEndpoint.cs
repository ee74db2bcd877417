using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// <c>GET /prefix/{sessionId}/events</c>: the session's events as Server-Sent Events. Each event's <c>id:</c> is
/// its per-session sequence number, so a client that reconnects with <c>Last-Event-ID</c> (browsers do so by
/// themselves) gets exactly the events after it from the session's replay buffer, then the live ones. A client
/// that reads too slowly (<see cref="SessionHostOptions.SubscriptionCapacity"/>) gets <c>sessiongen.overflow</c> and
/// the stream closes, so that it resumes that way too.
/// </summary>
internal static class EventStreamEndpoint
{
    public const string LastEventIdHeader = "Last-Event-ID";

    // EventSource cannot set headers on its first request; this query parameter stands in for the header then.
    public const string LastEventIdQuery = "lastEventId";

    public static async Task StreamAsync(HttpContext context, HttpProcess process)
    {
        string sessionId = (string)context.Request.RouteValues["sessionId"]!;
        string? participant = context.Request.Query["participant"];
        string? lastEventId = context.Request.Headers[LastEventIdHeader].FirstOrDefault() ?? context.Request.Query[LastEventIdQuery];
        long? after = null;
        if (!string.IsNullOrEmpty(lastEventId))
        {
            if (!long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
            {
                await Problem.MalformedMessage($"Last-Event-ID '{lastEventId}' is not an event number.").WriteAsync(context, sessionId).ConfigureAwait(false);
                return;
            }

            after = parsed;
        }

        ISessionHost host = context.RequestServices.GetRequiredService<ISessionHost>();
        SessionSubscription subscription;
        try
        {
            // A durable session that is only in the store (the app restarted, or it was passivated) is loaded first.
            subscription = await host.SubscribeAsync(process.Name, new SessionId(sessionId), participant, after, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SessionNotFoundException or ObjectDisposedException or SessionStateException)
        {
            await Problem.From(exception, sessionId, "events").WriteAsync(context, sessionId).ConfigureAwait(false);
            return;
        }

        try
        {
            // Long-lived: the stream ends when the client goes or the application stops, so shutdown is not held up.
            CancellationToken applicationStopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? default;
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, applicationStopping);
            var writer = new ServerSentEventWriter(context.Response, process, stopping.Token);
            StartStream(context);
            await writer.WriteRetryAsync().ConfigureAwait(false);
            if (subscription.MissedEvents > 0)
            {
                await writer.WriteMissedAsync(subscription.MissedEvents).ConfigureAwait(false);
            }

            await writer.FlushAsync().ConfigureAwait(false);
            try
            {
                await PumpAsync(subscription, writer, process.Options.HeartbeatInterval, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // The client went away or the application is stopping.
            }
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void StartStream(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static async Task PumpAsync(SessionSubscription subscription, ServerSentEventWriter writer, TimeSpan heartbeat, CancellationToken stopping)
    {
        CancellationTokenSource wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            while (true)
            {
                // Everything already buffered goes out in one flush.
                while (subscription.TryRead(out SessionEvent? buffered))
                {
                    await writer.WriteEventAsync(buffered).ConfigureAwait(false);
                }

                await writer.FlushAsync().ConfigureAwait(false);
                wait.CancelAfter(heartbeat);
                SessionEvent next;
                try
                {
                    next = await subscription.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // Quiet for a whole heartbeat interval: a comment line keeps proxies from closing the stream.
                    await writer.WriteHeartbeatAsync().ConfigureAwait(false);
                    wait.Dispose();
                    wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    continue;
                }
                catch (ChannelClosedException closed)
                {
                    await writer.WriteEndedAsync(faulted: closed.InnerException is SessionFaultedException).ConfigureAwait(false);
                    await writer.FlushAsync().ConfigureAwait(false);
                    return;
                }
                catch (SubscriptionOverflowException overflow)
                {
                    // The client read too slowly and has now been sent every event held for it. Closing lets it
                    // reconnect with Last-Event-ID (EventSource does so by itself) and get the rest from the replay
                    // buffer, instead of this server buffering for it without bound.
                    await writer.WriteOverflowAsync(overflow).ConfigureAwait(false);
                    await writer.FlushAsync().ConfigureAwait(false);
                    return;
                }

                await writer.WriteEventAsync(next).ConfigureAwait(false);
            }
        }
        finally
        {
            wait.Dispose();
        }
    }
}
