using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionGen.Infrastructure;

namespace SessionGen;

/// <summary>
/// The handled message ids a durable session's record keeps: each id with its operation, when it was handled, and
/// its outcome (the handler's result as JSON, or the fault's message), so a retry after a restart gets the outcome
/// instead of running the handler again.
/// </summary>
internal static class StoredMessageIds
{
    /// <summary>The most ids one record keeps (the newest): every turn rewrites them.</summary>
    public const int MostKept = 256;

    public const string Id = "id";
    public const string Operation = "op";
    public const string HandledAt = "at";
    public const string Result = "result";
    public const string Fault = "fault";

    /// <summary>The id of the caller that sent it; absent for an anonymous message (ids are kept per caller).</summary>
    public const string Caller = "by";

    public static void Write<TResult>(
        Utf8JsonWriter json, MessageId messageId, string? callerId, string operation, DateTimeOffset handledAt, TResult? result, Exception? error, JsonSerializerOptions options, string process)
    {
        json.WriteStartObject();
        json.WriteString(Id, messageId.Value);
        if (callerId is not null)
        {
            json.WriteString(Caller, callerId);
        }

        json.WriteString(Operation, operation);
        json.WriteString(HandledAt, handledAt);
        if (error is not null)
        {
            json.WriteString(Fault, (error.InnerException ?? error).Message);
        }
        else if (typeof(TResult) == typeof(ValueTuple))
        {
            json.WriteNull(Result);
        }
        else
        {
            json.WritePropertyName(Result);
            JsonSerializer.Serialize(json, result!, SessionStateTypes.Get<TResult>(options, process, operation + " result"));
        }

        json.WriteEndObject();
    }

    /// <summary>The outcome a restored entry gives repeats: the stored result, or a fault carrying the stored message.</summary>
    public static void Settle<TResult>(MessageIdEntry<TResult> entry, SessionId sessionId, string operation, JsonElement stored, JsonSerializerOptions options, string process)
    {
        if (stored.TryGetProperty(Fault, out JsonElement fault))
        {
            entry.Failed(new SessionFaultedException(sessionId, operation, new InvalidOperationException(fault.GetString())));
            return;
        }

        JsonElement result = stored.GetProperty(Result);
        if (typeof(TResult) == typeof(ValueTuple) || result.ValueKind == JsonValueKind.Null)
        {
            entry.Succeeded(default!);
            return;
        }

        JsonTypeInfo<TResult> typeInfo = SessionStateTypes.Get<TResult>(options, process, operation + " result");
        entry.Succeeded(result.Deserialize(typeInfo)!);
    }
}
