using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// Writes the text/event-stream format: <c>id:</c> (the event's sequence number), <c>event:</c> (the payload's
/// type name) and <c>data:</c> (the payload as one line of JSON), then a blank line.
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

    private readonly ArrayBufferWriter<byte> buffer = new();

    public Task WriteRetryAsync() => WriteTextAsync($"retry: {RetryMilliseconds}\n\n");

    public Task WriteHeartbeatAsync() => WriteTextAsync(": heartbeat\n\n");

    public Task WriteMissedAsync(long missed) =>
        WriteTextAsync($"event: {MissedEventName}\ndata: {{\"missed\":{missed.ToString(CultureInfo.InvariantCulture)}}}\n\n");

    public Task WriteEndedAsync(bool faulted) =>
        WriteTextAsync($"event: {EndedEventName}\ndata: {{\"faulted\":{(faulted ? "true" : "false")}}}\n\n");

    public Task WriteOverflowAsync(SubscriptionOverflowException overflow) =>
        WriteTextAsync(
            $"event: {OverflowEventName}\ndata: {{\"lastEventId\":{overflow.LastDeliveredSequence.ToString(CultureInfo.InvariantCulture)},"
            + $"\"capacity\":{overflow.Capacity.ToString(CultureInfo.InvariantCulture)}}}\n\n");

    public async Task WriteEventAsync(SessionEvent @event)
    {
        buffer.Clear();
        if (@event.Payload is RestoredEvent restored)
        {
            // A durable session's event from before a reload: its type's name and its JSON, as first written.
            Append($"id: {@event.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {restored.Type}\ndata: {restored.Data.GetRawText()}\n\n");
            await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return;
        }

        Append($"id: {@event.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {@event.Payload.GetType().Name}\ndata: ");
        try
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                JsonSerializer.Serialize(json, @event.Payload, process.Json.GetTypeInfo(@event.Payload.GetType()));
            }
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
        {
            // A type the JSON options do not know: say so in the log and in the stream (a comment), keep going.
            process.Logger.LogWarning(
                exception, "Event {Sequence} ({Type}) of process {Process} cannot be serialized; add it to the JsonSerializerContext", @event.Sequence, @event.Payload.GetType(), process.Name);
            buffer.Clear();
            Append($": event {@event.Sequence.ToString(CultureInfo.InvariantCulture)} of type {@event.Payload.GetType().Name} could not be serialized\n\n");
            await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return;
        }

        Append("\n\n");
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    public Task FlushAsync() => response.Body.FlushAsync(cancellationToken);

    private async Task WriteTextAsync(string text)
    {
        buffer.Clear();
        Append(text);
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private void Append(string text)
    {
        int written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        buffer.Advance(written);
    }
}
