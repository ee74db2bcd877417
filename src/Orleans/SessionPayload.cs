using System.Buffers;
using System.Text.Json;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>
/// A session message or result as a grain call carries it: either the live object, with the operation and options that
/// write it as SessionGen's generated JSON, or that JSON as it arrived from another silo or process. Made for one call
/// and never written after: Orleans' copier hands the same instance on (<see cref="SessionPayloadCopier"/>), so a call
/// within a silo passes the object by reference both ways and runs no JSON, as the in-memory host does; a call that
/// leaves the process writes the JSON (<see cref="SessionPayloadCodec"/>, the only Orleans serializer that sees it: the
/// user's types never meet Orleans' serializer), and the other side reads it with its own options.
/// </summary>
internal sealed class SessionPayload
{
    private readonly object? value;
    private readonly SessionOperation? operation;
    private readonly JsonSerializerOptions? options;
    private readonly bool isResult;

    private SessionPayload(object? value, SessionOperation? operation, JsonSerializerOptions? options, bool isResult, byte[]? json, SessionId sessionId = default)
    {
        SessionId = sessionId;
        this.value = value;
        this.operation = operation;
        this.options = options;
        this.isResult = isResult;
        Json = json;
    }

    /// <summary>The JSON, when this payload arrived from another silo or process (or was written before it left); else null.</summary>
    public byte[]? Json { get; }

    /// <summary>Whether this payload holds the live object (it has not crossed a process boundary).</summary>
    public bool IsLive => operation is not null;

    /// <summary>A message record of <paramref name="operation"/>, carried as the object itself.</summary>
    public static SessionPayload Message(SessionOperation operation, object message, JsonSerializerOptions options) =>
        new(message, operation, options, isResult: false, json: null);

    /// <summary>
    /// A message record of <paramref name="operation"/>, written now as JSON but carried as the object too: a call
    /// within the silo still reads no JSON, and a message that cannot be written fails here, at its sender.
    /// </summary>
    public static SessionPayload WrittenMessage(SessionOperation operation, object message, JsonSerializerOptions options) =>
        new(message, operation, options, isResult: false, json: WireJson.Message(operation, message, options));

    /// <summary>A handler's result for <paramref name="operation"/> of session <paramref name="id"/>, carried as the object itself.</summary>
    public static SessionPayload Result(SessionOperation operation, object? result, JsonSerializerOptions options, SessionId id) =>
        new(result, operation, options, isResult: true, json: null, id);

    /// <summary>The session a result is from (what its write failure names).</summary>
    public SessionId SessionId { get; }

    /// <summary>JSON that arrived over the wire, or a result written for a caller on another silo.</summary>
    public static SessionPayload FromJson(byte[] json) => new(null, null, null, isResult: false, json: json);

    /// <summary>The message record: the object itself, or read from the JSON with <paramref name="readOptions"/>.</summary>
    public object ReadMessage(SessionOperation entry, JsonSerializerOptions readOptions) =>
        IsLive ? value! : entry.DeserializeMessage(Json, readOptions);

    /// <summary>The result: the object itself, or read from the JSON with <paramref name="readOptions"/>.</summary>
    public object? ReadResult(SessionOperation entry, JsonSerializerOptions readOptions) =>
        IsLive ? value : entry.DeserializeResult(Json, readOptions);

    /// <summary>Writes the JSON of the live object (the message's or the result's, as its operation writes them).</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        if (isResult)
        {
            operation!.WriteResult(writer, value, options!);
        }
        else
        {
            operation!.WriteMessage(writer, value!, options!);
        }
    }

    /// <summary>The options the live object's JSON is written with.</summary>
    public JsonSerializerOptions WriteOptions => options!;

    /// <summary>Whether this is a result (a write failure then travels back as the session's typed failure).</summary>
    public bool IsResult => isResult;

    /// <summary>The operation of a live payload.</summary>
    public SessionOperation? Operation => operation;
}

/// <summary>
/// The wire form of a <see cref="SessionPayload"/>: a length-prefixed field holding exactly SessionGen's generated JSON.
/// A live payload's JSON is written as it leaves (into a per-thread buffer, then into Orleans' writer), on Orleans'
/// connection loop: a send's message, or a result whose call Orleans forwarded after all (the grain writes the JSON of
/// a result for a caller on another silo itself, see <c>SessionGrain.ResultFor</c>); one that arrived or was written
/// is written back as its bytes. Read, it stays bytes: the grain or the caller reads them with its own options.
/// </summary>
[RegisterSerializer]
internal sealed class SessionPayloadCodec : IFieldCodec<SessionPayload>
{
    /// <inheritdoc/>
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, SessionPayload? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value))
        {
            return; // null, or a payload written earlier in this message
        }

        if (value.Json is { } json)
        {
            writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(SessionPayload), WireType.LengthPrefixed);
            writer.WriteVarUInt32((uint)json.Length);
            writer.Write(json);
            return;
        }

        // Written before the field header: a payload that cannot be written leaves nothing half-written behind.
        WireJson.Lease lease;
        try
        {
            lease = WireJson.Write(value);
        }
        catch (Exception exception) when (value.IsResult && exception is not OutOfMemoryException)
        {
            // Not the writer's exception itself: Orleans must write this one into its error reply, and an exception type
            // it has no codec for would fail that reply too (which Orleans then drops: the caller would wait a day).
            throw new SessionPayloadException(Failures.Unwritable(exception, value.SessionId, value.Operation!.Name));
        }

        try
        {
            writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(SessionPayload), WireType.LengthPrefixed);
            ReadOnlySpan<byte> written = lease.Written;
            writer.WriteVarUInt32((uint)written.Length);
            writer.Write(written);
        }
        finally
        {
            lease.Return();
        }
    }

    /// <inheritdoc/>
    public SessionPayload? ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference)
        {
            return ReferenceCodec.ReadReference<SessionPayload, TInput>(ref reader, field);
        }

        field.EnsureWireType(WireType.LengthPrefixed);
        uint length = reader.ReadVarUInt32();
        var result = SessionPayload.FromJson(reader.ReadBytes(length));
        ReferenceCodec.RecordObject(reader.Session, result);
        return result;
    }
}

/// <summary>Hands a <see cref="SessionPayload"/> on as it is: it is never written after it is made.</summary>
[RegisterCopier]
internal sealed class SessionPayloadCopier : IDeepCopier<SessionPayload>, IOptionalDeepCopier
{
    /// <inheritdoc/>
    public SessionPayload? DeepCopy(SessionPayload? input, CopyContext context) => input;

    /// <inheritdoc/>
    public bool IsShallowCopyable() => true;
}

/// <summary>
/// A result that could not be written as it left the session's silo: it carries the session's typed failure back to
/// the caller, as a result that failed to write did before results were carried by reference. (A message that cannot
/// be written fails at its sender with its writer's own exception, as before.) It carries only the encoded failure, not
/// the writer's exception: Orleans serializes it into its error reply, and cannot serialize every exception type.
/// </summary>
[GenerateSerializer]
#pragma warning disable RCS1194 // Implement exception constructors: made only by the codec and by Orleans' deserializer.
internal sealed class SessionPayloadException : Exception
#pragma warning restore RCS1194
{
    public SessionPayloadException(SessionFailure failure)
        : base(failure.Message)
    {
        Failure = failure;
    }

    /// <summary>The failure, as <see cref="Failures.Unwritable"/> wrote the writer's exception.</summary>
    [Id(0)]
    public SessionFailure Failure { get; private set; }
}
