using System.Buffers;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// Writes a subscription as text/event-stream with System.Net.ServerSentEvents' <see cref="SseFormatter"/>: each event
/// has <c>event:</c> (the payload's type name), <c>data:</c> (the payload as JSON) and <c>id:</c> (its sequence number).
/// What the formatter cannot express (every item it writes carries a <c>data:</c> field, so a browser would dispatch it)
/// is written as raw lines between its items: the opening <c>retry:</c> field, heartbeat comments, and the comment that
/// stands in for an event the JSON options cannot write.
/// </summary>
internal sealed class ServerSentEventWriter(HttpResponse response, HttpProcess process, CancellationToken cancellationToken)
{
    /// <summary>Sent once, before anything else, when events the client asked for are no longer retained.</summary>
    public const string MissedEventName = "sessiongen.missed";

    /// <summary>Sent last, when the session has ended; the stream then closes.</summary>
    public const string EndedEventName = "sessiongen.ended";

    /// <summary>
    /// Sent last, when the client fell too far behind (<see cref="SubscriptionOverflowException"/>); the stream then
    /// closes and the client resumes with <c>Last-Event-ID</c>. It has no <c>id:</c>, so the last id stays the last
    /// event received.
    /// </summary>
    public const string OverflowEventName = "sessiongen.overflow";

    // The browser's reconnection delay, in milliseconds.
    private const int RetryMilliseconds = 1000;

    // The JSON of the item being written: the formatter copies it before it asks for the next one.
    private readonly ArrayBufferWriter<byte> data = new();

    /// <summary>The opening <c>retry:</c> field, alone (an item of the formatter would also carry an empty <c>data:</c>).</summary>
    public Task WriteRetryAsync() => WriteRawAsync($"retry: {RetryMilliseconds}\n\n");

    /// <summary>Writes the stream: the missed-events notice, then every event until the session ends, the client overflows or the token fires.</summary>
    public async Task WriteAsync(SessionSubscription subscription, TimeSpan heartbeat)
    {
        await SseFormatter.WriteAsync(Items(subscription, heartbeat, cancellationToken), response.Body, static (item, writer) => writer.Write(item.Data.Span), cancellationToken)
            .ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<SseItem<ReadOnlyMemory<byte>>> Items(
        SessionSubscription subscription, TimeSpan heartbeat, [EnumeratorCancellation] CancellationToken stopping)
    {
        if (subscription.MissedEvents > 0)
        {
            yield return Control(MissedEventName, $"{{\"missed\":{subscription.MissedEvents.ToString(CultureInfo.InvariantCulture)}}}");
        }

        CancellationTokenSource wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            while (true)
            {
                // Everything already buffered goes out before the flush.
                while (subscription.TryRead(out SessionEvent? buffered))
                {
                    if (Event(buffered) is { } item)
                    {
                        yield return item;
                    }
                    else
                    {
                        await WriteUnwritableAsync(buffered).ConfigureAwait(false);
                    }
                }

                await response.Body.FlushAsync(stopping).ConfigureAwait(false);
                wait.CancelAfter(heartbeat);
                SessionEvent? next = null;
                SseItem<ReadOnlyMemory<byte>>? last = null;
                try
                {
                    next = await subscription.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    // Quiet for a whole heartbeat interval: a comment line keeps proxies from closing the stream.
                    await WriteRawAsync(": heartbeat\n\n").ConfigureAwait(false);
                    wait.Dispose();
                    wait = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                    continue;
                }
                catch (ChannelClosedException closed)
                {
                    last = Control(EndedEventName, closed.InnerException is SessionFaultedException ? "{\"faulted\":true}" : "{\"faulted\":false}");
                }
                catch (SubscriptionOverflowException overflow)
                {
                    // The client read too slowly and has now been sent every event held for it. Closing lets it
                    // reconnect with Last-Event-ID (EventSource does so by itself) and get the rest from the replay
                    // buffer, instead of this server buffering for it without bound.
                    last = Control(
                        OverflowEventName,
                        $"{{\"lastEventId\":{overflow.LastDeliveredSequence.ToString(CultureInfo.InvariantCulture)},\"capacity\":{overflow.Capacity.ToString(CultureInfo.InvariantCulture)}}}");
                }

                if (last is { } final)
                {
                    yield return final;
                    yield break;
                }

                if (Event(next!) is { } live)
                {
                    yield return live;
                }
                else
                {
                    await WriteUnwritableAsync(next!).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            wait.Dispose();
        }
    }

    /// <summary>The item for an event; null when the JSON options cannot write its type.</summary>
    private SseItem<ReadOnlyMemory<byte>>? Event(SessionEvent @event)
    {
        data.Clear();
        string id = @event.Sequence.ToString(CultureInfo.InvariantCulture);
        if (@event.Payload is RestoredEvent restored)
        {
            // A durable session's event from before a reload: its type's name and its JSON, as first written.
            Append(restored.Data.GetRawText());
            return new SseItem<ReadOnlyMemory<byte>>(data.WrittenMemory, restored.Type) { EventId = id };
        }

        try
        {
            using var json = new Utf8JsonWriter(data);
            JsonSerializer.Serialize(json, @event.Payload, process.Json.GetTypeInfo(@event.Payload.GetType()));
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
        {
            // A type the JSON options do not know: say so in the log and in the stream (a comment), keep going.
            process.Logger.LogWarning(
                exception, "Event {Sequence} ({Type}) of process {Process} cannot be serialized; add it to the JsonSerializerContext", @event.Sequence, @event.Payload.GetType(), process.Name);
            return null;
        }

        return new SseItem<ReadOnlyMemory<byte>>(data.WrittenMemory, @event.Payload.GetType().Name) { EventId = id };
    }

    // The stream says so in a comment line and goes on.
    private Task WriteUnwritableAsync(SessionEvent @event) =>
        WriteRawAsync($": event {@event.Sequence.ToString(CultureInfo.InvariantCulture)} of type {@event.Payload.GetType().Name} could not be serialized\n\n");

    private SseItem<ReadOnlyMemory<byte>> Control(string name, string json)
    {
        data.Clear();
        Append(json);
        return new SseItem<ReadOnlyMemory<byte>>(data.WrittenMemory, name);
    }

    private async Task WriteRawAsync(string text)
    {
        data.Clear();
        Append(text);
        await response.Body.WriteAsync(data.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private void Append(string text)
    {
        int written = Encoding.UTF8.GetBytes(text, data.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        data.Advance(written);
    }
}
