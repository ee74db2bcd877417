using System.Globalization;
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

    // How many events after Last-Event-ID are no longer retained (when any are not).
    public const string MissedEventsHeader = "SessionGen-Missed-Events";

    // EventSource cannot set headers on its first request; this query parameter stands in for the header then.
    public const string LastEventIdQuery = "lastEventId";

    public static async Task StreamAsync(HttpContext context, HttpProcess process)
    {
        string sessionId = (string)context.Request.RouteValues["sessionId"]!;
        if (!HttpCaller.TryResolve(context, process, HttpCaller.RequestedByStream(context.Request), out SessionCaller? caller, out Problem refusal))
        {
            await refusal.WriteAsync(context, sessionId).ConfigureAwait(false);
            return;
        }

        // The caller's own events and everyone's; without a caller, everyone's only.
        string? participant = caller?.Id;
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
            StartStream(context, subscription.MissedEvents);
            try
            {
                await writer.WriteRetryAsync().ConfigureAwait(false);
                await writer.WriteAsync(subscription, process.Options.HeartbeatInterval).ConfigureAwait(false);
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

    private static void StartStream(HttpContext context, long missedEvents)
    {
        HttpResponse response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies must not hold events back
        if (missedEvents > 0)
        {
            // Also the stream's first event (sessiongen.missed); as a header a client knows it before it reads any event.
            response.Headers[MissedEventsHeader] = missedEvents.ToString(CultureInfo.InvariantCulture);
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }
}
