using System.Text.Json;

namespace SessionGen;

/// <summary>A <see cref="SessionRecord"/> read back: what loading a durable session puts into its new instance.</summary>
internal sealed class StoredSession
{
    private StoredSession(JsonElement fields, int state, List<StoredTimeout> timeouts, long lastEventSequence, List<StoredEvent> recentEvents, JsonElement handledIds)
    {
        HandledIds = handledIds;
        Fields = fields;
        State = state;
        Timeouts = timeouts;
        LastEventSequence = lastEventSequence;
        RecentEvents = recentEvents;
    }

    public JsonElement Fields { get; }

    public int State { get; }

    /// <summary>The pending timeouts, in due order.</summary>
    public List<StoredTimeout> Timeouts { get; }

    public long LastEventSequence { get; }

    public List<StoredEvent> RecentEvents { get; }

    /// <summary>The handled message ids, an array of <see cref="StoredMessageIds"/> entries.</summary>
    public JsonElement HandledIds { get; }

    /// <summary>The stored ids as the session keeps them between turns.</summary>
    public List<StoredHandledId> HandledIdList() =>
        HandledIds.EnumerateArray()
            .Select(static id => new StoredHandledId(id.GetProperty(StoredMessageIds.HandledAt).GetDateTimeOffset(), System.Text.Encoding.UTF8.GetBytes(id.GetRawText())))
            .ToList();

    /// <exception cref="SessionStateException">The data is not a record this runtime wrote.</exception>
    public static StoredSession Parse(SessionRecord record)
    {
        try
        {
            // Cloned out of the document so nothing holds its pooled buffers once this returns.
            using JsonDocument document = JsonDocument.Parse(record.Data);
            JsonElement root = document.RootElement;
            int format = root.GetProperty(StoredFormat.Version).GetInt32();
            if (format != StoredFormat.CurrentVersion)
            {
                throw Unreadable(record, $"its format {format} is not {StoredFormat.CurrentVersion}", inner: null);
            }

            JsonElement fields = root.GetProperty(StoredFormat.Fields).Clone();
            int state = root.GetProperty(StoredFormat.State).GetInt32();
            var timeouts = new List<StoredTimeout>();
            foreach (JsonElement timeout in root.GetProperty(StoredFormat.Timeouts).EnumerateArray())
            {
                timeouts.Add(new StoredTimeout(
                    timeout.GetProperty(StoredFormat.TimeoutName).GetString()!,
                    timeout.GetProperty(StoredFormat.TimeoutDue).GetDateTimeOffset(),
                    timeout.GetProperty(StoredFormat.TimeoutArguments).Clone()));
            }

            JsonElement events = root.GetProperty(StoredFormat.Events);
            var recent = new List<StoredEvent>();
            foreach (JsonElement stored in events.GetProperty(StoredFormat.Recent).EnumerateArray())
            {
                recent.Add(new StoredEvent(
                    stored.GetProperty(StoredFormat.Sequence).GetInt64(),
                    stored.TryGetProperty(StoredFormat.Participant, out JsonElement to) ? to.GetString() : null,
                    stored.GetProperty(StoredFormat.EventType).GetString()!,
                    System.Text.Encoding.UTF8.GetBytes(stored.GetProperty(StoredFormat.Payload).GetRawText())));
            }

            timeouts.Sort(static (a, b) => a.DueAt.CompareTo(b.DueAt));
            return new StoredSession(
                fields, state, timeouts, events.GetProperty(StoredFormat.LastSequence).GetInt64(), recent, root.GetProperty(StoredFormat.HandledIds).Clone());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Unreadable(record, exception.Message, exception);
        }
    }

    private static SessionStateException Unreadable(SessionRecord record, string why, Exception? inner) =>
        new(record.Id, $"Session '{record.Id}' of process '{record.Process}' cannot be loaded: its stored record is unreadable ({why}).", inner);
}

/// <summary>A pending timeout as a record stores it.</summary>
internal readonly record struct StoredTimeout(string Name, DateTimeOffset DueAt, JsonElement Arguments);
