using System.Buffers;
using System.ComponentModel;
using System.Text.Json;

namespace SessionGen.Infrastructure;

/// <summary>
/// One operation of a process: its name, its result type, whether it starts a session, and its message and result as
/// JSON, for transports that carry them as bytes (<see cref="WriteMessage"/>, <see cref="ReadMessage"/>,
/// <see cref="WriteResult"/>, <see cref="ReadResult"/> and their byte-array twins). A message is a JSON object whose
/// properties are the handler's parameters, named as they are with a lower-case first letter (read in either case; a
/// nullable parameter may be missing or null; unknown properties are skipped); the result is its type's JSON, and
/// <c>null</c> for an operation without one. Every value goes through the <see cref="JsonSerializerOptions"/>' contract
/// for its type (a source-generated <c>JsonSerializerContext</c> under Native AOT), never reflection.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract partial class SessionOperation
{
    private protected SessionOperation(
        SessionProcessDefinition process, string name, bool startsSession, ulong acceptedStates, ulong targetStates, CallerParameter caller)
    {
        Caller = caller;
        Process = process;
        Name = name;
        StartsSession = startsSession;
        AcceptedStates = acceptedStates;
        TargetStates = targetStates;
    }

    /// <summary>The mask of protocol states in which the operation is accepted (<see cref="SessionProtocol.AnyState"/> without a protocol).</summary>
    public ulong AcceptedStates { get; }

    /// <summary>The mask of protocol states its handler may move the session to.</summary>
    public ulong TargetStates { get; }

    /// <summary>The correlation keys <paramref name="message"/> carries (empty when the operation declares none).</summary>
    public abstract IReadOnlyList<CorrelationKey> CorrelationKeysOf(object message);

    /// <summary>The process that declares the operation.</summary>
    public SessionProcessDefinition Process { get; }

    /// <summary>The operation's name.</summary>
    public string Name { get; }

    /// <summary>True for a starter: its message creates a new session.</summary>
    public bool StartsSession { get; }

    /// <summary>The handler's result type, or <see langword="null"/> when it returns nothing.</summary>
    public abstract Type? ResultType { get; }

    /// <summary>Whether the handler takes the message's <see cref="SessionCaller"/>, and whether it needs one.</summary>
    public CallerParameter Caller { get; }

    /// <summary>Sends an untyped message from <paramref name="caller"/>; its result comes back boxed (<see langword="null"/> for no result).</summary>
    internal abstract ValueTask<object?> SendBoxedAsync(SessionHost host, SessionId id, object? message, SessionCaller? caller, CancellationToken cancellationToken);

    /// <summary>Sends an untyped message with a message id to <paramref name="session"/>; a repeated id is handled once.</summary>
    internal abstract ValueTask<object?> SendBoxedAsync(
        SessionContext session, SessionId id, object? message, SessionCaller? caller, MessageId messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Null when a message from <paramref name="caller"/> may be sent to this operation; else the error its sender gets
    /// (a handler that needs a caller, and none came).
    /// </summary>
    internal SessionCallerRequiredException? RefusedWithout(SessionCaller? caller, SessionId id) =>
        caller is null && Caller == CallerParameter.Required ? new SessionCallerRequiredException(id, Name) : null;

    /// <summary>
    /// As <see cref="RefusedWithout(SessionCaller?, SessionId)"/> for a message from <paramref name="client"/>, decided here
    /// only when the session runs in this process: through another host (SessionGen.Http's) the caller is whoever that
    /// host's server authenticates, so that server decides.
    /// </summary>
    internal SessionCallerRequiredException? RefusedWithout(SessionClient client) =>
        client.LocalHost is null ? null : RefusedWithout(client.Caller, client.Id);

    /// <summary>Runs a one-way message (<paramref name="entry"/>'s) on the session's turn. Never throws: a failure follows the fault policy.</summary>
    internal abstract ValueTask RunOneWayAsync(SessionContext owner, in MailboxEntry entry);

    /// <summary>
    /// As <see cref="RunOneWayAsync"/>, for a handler that cannot await (<see cref="HandlerIsSynchronous"/>), run
    /// under the <see cref="OneWayRunScope"/> its turn entered for a run of them: no scope and no telemetry of its own.
    /// </summary>
    internal abstract ValueTask RunOneWayInRun(SessionContext owner, in MailboxEntry entry);

    /// <summary>The message record of a one-way message that travelled as its handler's argument (see <see cref="OneWayArgument"/>).</summary>
    internal abstract object RecordOf(OneWayArgument argument);

    /// <summary>
    /// True when the handler returns <c>void</c> or a value: it cannot await, so its call-chain frame lives in a
    /// thread-static slot for the call instead of an async-local value (no allocation per message), and a turn runs
    /// a run of its one-way messages under one scope (see <see cref="OneWayRunScope"/>).
    /// </summary>
    internal bool HandlerIsSynchronous { get; private protected init; }

    /// <summary>The typed one-way post of an untyped message (of this operation's type), optionally once per id.</summary>
    internal abstract bool PostBoxed(SessionClient client, object message, MessageId messageId);

    /// <inheritdoc/>
    public override string ToString() => $"{Process.ProtocolName}.{Name}";

    /// <summary>Writes <paramref name="message"/>, one of this operation's message records, as a JSON object.</summary>
    /// <param name="writer">Where to write it.</param>
    /// <param name="message">The message record.</param>
    /// <param name="options">The options whose contracts write the property values.</param>
    /// <exception cref="ArgumentException"><paramref name="message"/> is not this operation's record.</exception>
    /// <exception cref="InvalidOperationException">The options cannot serialize a parameter's type.</exception>
    public void WriteMessage(Utf8JsonWriter writer, object message, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        WriteMessageCore(writer, message, options);
    }

    /// <summary>Reads one of this operation's message records from the JSON object at <paramref name="reader"/>.</summary>
    /// <param name="reader">The reader, before the object or on its opening brace; left on its closing brace.</param>
    /// <param name="options">The options whose contracts read the property values.</param>
    /// <returns>The message record, to send (for example with <see cref="SessionHost.SendAsync(SessionId, object, CancellationToken)"/>).</returns>
    /// <exception cref="JsonException">The JSON is not an object of the message's properties; the message names the operation and the property.</exception>
    /// <exception cref="InvalidOperationException">The options cannot deserialize a parameter's type.</exception>
    public object ReadMessage(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return ReadMessageCore(ref reader, options);
        }
        catch (JsonException exception)
        {
            throw Malformed("message", exception);
        }
    }

    /// <summary>Writes <paramref name="message"/> as a UTF-8 JSON object (see <see cref="WriteMessage"/>).</summary>
    /// <param name="message">The message record.</param>
    /// <param name="options">The options whose contracts write the property values (and whose encoder and indentation the writer uses).</param>
    /// <returns>The JSON.</returns>
    public byte[] SerializeMessage(object message, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (Utf8JsonWriter writer = NewWriter(buffer, options))
        {
            WriteMessageCore(writer, message, options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a message record from UTF-8 JSON that holds one object and nothing else (see <see cref="ReadMessage"/>).</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <param name="options">The options whose contracts read the property values (and whose comment, trailing-comma and depth settings the reader follows).</param>
    /// <returns>The message record.</returns>
    /// <exception cref="JsonException">The JSON is not one object of the message's properties; the message names the operation and the property.</exception>
    /// <exception cref="InvalidOperationException">The options cannot deserialize a parameter's type.</exception>
    public object DeserializeMessage(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (IsBlank(utf8Json))
        {
            throw Malformed("message", new JsonException("The message is empty; send it as a JSON object."));
        }

        var reader = new Utf8JsonReader(utf8Json, JsonMessageReader.ReaderOptions(options));
        try
        {
            object message = ReadMessageCore(ref reader, options);
            JsonMessageReader.ReadEnd(ref reader, "message object");
            return message;
        }
        catch (JsonException exception)
        {
            throw Malformed("message", exception);
        }
    }

    /// <summary>Writes a result of this operation's handler: its type's JSON, or <c>null</c> for an operation without a result.</summary>
    /// <param name="writer">Where to write it.</param>
    /// <param name="result">The result, as <see cref="SessionHost.SendAsync(SessionId, object, CancellationToken)"/> returns it (ignored without a result).</param>
    /// <param name="options">The options whose contract writes the result's type.</param>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not of the <see cref="ResultType"/>.</exception>
    /// <exception cref="InvalidOperationException">The options cannot serialize the result's type.</exception>
    public void WriteResult(Utf8JsonWriter writer, object? result, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        WriteResultCore(writer, result, options);
    }

    /// <summary>Reads a result of this operation's handler (<see langword="null"/>, from <c>null</c> or nothing, for an operation without a result).</summary>
    /// <param name="reader">The reader, before the value or on its first token; left on its last token.</param>
    /// <param name="options">The options whose contract reads the result's type.</param>
    /// <returns>The result, boxed.</returns>
    /// <exception cref="JsonException">The JSON is not a value of the <see cref="ResultType"/>; the message names the operation.</exception>
    /// <exception cref="InvalidOperationException">The options cannot deserialize the result's type.</exception>
    public object? ReadResult(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return ReadResultCore(ref reader, options);
        }
        catch (JsonException exception)
        {
            throw Malformed("result", exception);
        }
    }

    /// <summary>Writes a result as UTF-8 JSON (see <see cref="WriteResult"/>).</summary>
    /// <param name="result">The result (ignored without a result).</param>
    /// <param name="options">The options whose contract writes the result's type (and whose encoder and indentation the writer uses).</param>
    /// <returns>The JSON.</returns>
    public byte[] SerializeResult(object? result, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>(64);
        using (Utf8JsonWriter writer = NewWriter(buffer, options))
        {
            WriteResultCore(writer, result, options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads a result from UTF-8 JSON that holds one value and nothing else (see <see cref="ReadResult"/>); empty is <see langword="null"/> for an operation without a result.</summary>
    /// <param name="utf8Json">The JSON.</param>
    /// <param name="options">The options whose contract reads the result's type.</param>
    /// <returns>The result, boxed.</returns>
    /// <exception cref="JsonException">The JSON is not one value of the <see cref="ResultType"/>; the message names the operation.</exception>
    /// <exception cref="InvalidOperationException">The options cannot deserialize the result's type.</exception>
    public object? DeserializeResult(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (ResultType is null && IsBlank(utf8Json))
        {
            return null;
        }

        var reader = new Utf8JsonReader(utf8Json, JsonMessageReader.ReaderOptions(options));
        try
        {
            object? result = ReadResultCore(ref reader, options);
            JsonMessageReader.ReadEnd(ref reader, "result");
            return result;
        }
        catch (JsonException exception)
        {
            throw Malformed("result", exception);
        }
    }

    private protected abstract void WriteMessageCore(Utf8JsonWriter writer, object message, JsonSerializerOptions options);

    private protected abstract object ReadMessageCore(ref Utf8JsonReader reader, JsonSerializerOptions options);

    private protected abstract void WriteResultCore(Utf8JsonWriter writer, object? result, JsonSerializerOptions options);

    private protected abstract object? ReadResultCore(ref Utf8JsonReader reader, JsonSerializerOptions options);

    /// <summary>A JSON error that says which operation's message or result it is about (the inner error names the property).</summary>
    private JsonException Malformed(string what, JsonException exception) =>
        new($"Operation '{this}' cannot read its {what}: {exception.Message}", exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);

    /// <summary>True for input with nothing but JSON whitespace, which a <see cref="Utf8JsonReader"/> refuses before anything can be said about it.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> utf8Json) => utf8Json.Trim(" \t\r\n"u8).IsEmpty;

    /// <summary>A writer with the settings of <paramref name="options"/>: encoder, indentation and depth.</summary>
    private static Utf8JsonWriter NewWriter(IBufferWriter<byte> buffer, JsonSerializerOptions options) =>
        new(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth });

    /// <summary>Remembers, in a reloaded durable session, that message <paramref name="messageId"/> was handled <paramref name="age"/> ago with the stored outcome.</summary>
    internal abstract void RestoreHandledId(SessionContext session, MessageId messageId, string? callerId, System.Text.Json.JsonElement stored, System.Text.Json.JsonSerializerOptions options, TimeSpan age);
}
