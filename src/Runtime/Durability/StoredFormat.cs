using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen;

/// <summary>
/// The layout of <see cref="SessionRecord.Data"/>: one JSON object whose property names are here, so the writer
/// (<see cref="SessionDurability.Capture"/>) and the reader (<see cref="StoredSession"/>) cannot drift apart.
/// </summary>
/// <example>
/// <code>
/// {"format":1,"fields":{"participants":["ann"],"name":"review"},"state":0,
///  "timeouts":[{"name":"Greet","due":"2026-11-26T17:00:00.5+00:00","args":{"name":"ann"}}],
///  "events":{"last":2,"recent":[{"seq":1,"type":"ParticipantJoined","payload":{"Name":"ann"}},{"seq":2,"to":"ann","type":"Message","payload":{…}}]},
///  "ids":[{"id":"7f…","op":"Join","at":"2026-11-26T16:59:58+00:00","result":0}]}
/// </code>
/// </example>
internal static class StoredFormat
{
    public const int CurrentVersion = 1;

    public const string Version = "format";
    public const string Fields = "fields";
    public const string State = "state";
    public const string Timeouts = "timeouts";
    public const string TimeoutName = "name";
    public const string TimeoutDue = "due";
    public const string TimeoutArguments = "args";
    public const string Events = "events";
    public const string LastSequence = "last";
    public const string Recent = "recent";
    public const string Sequence = "seq";
    public const string Participant = "to";
    public const string Payload = "payload";
    public const string EventType = "type";
    public const string HandledIds = "ids";

    /// <summary>An event's payload as JSON, written with the contract of its runtime type.</summary>
    public static byte[] SerializeEvent(object payload, JsonSerializerOptions options, SessionId id, string process)
    {
        JsonTypeInfo typeInfo;
        try
        {
            typeInfo = options.GetTypeInfo(payload.GetType());
        }
        catch (NotSupportedException exception)
        {
            throw new SessionStateException(
                id,
                $"Session '{id}' of process '{process}' emitted a {payload.GetType()}, which it cannot store: the serializer options have no contract for it. " +
                "Add [JsonSerializable] for it to the JsonSerializerContext in SessionHostOptions.SerializerOptions.",
                exception);
        }

        return JsonSerializer.SerializeToUtf8Bytes(payload, typeInfo);
    }
}
