using System.Buffers;
using System.Text.Json;
using SessionGen.Infrastructure;

namespace SessionGen.Orleans;

/// <summary>
/// Messages and results as the JSON bytes the grain calls carry. Each thread keeps one buffer and writer and resets
/// them per message, so a message costs the array Orleans sends and nothing else (a new buffer and writer per
/// message were most of the wire's allocations).
/// </summary>
internal static class WireJson
{
    // A buffer that grew past this for one large message is not kept for every later small one.
    private const int KeptCapacity = 16 * 1024;

    [ThreadStatic]
    private static Writer? cached;

    /// <summary>The JSON of <paramref name="message"/>, as <see cref="SessionOperation.SerializeMessage"/> writes it.</summary>
    public static byte[] Message(SessionOperation operation, object message, JsonSerializerOptions options)
    {
        Writer writer = Take(options);
        operation.WriteMessage(writer.Json, message, options);
        return writer.Finish();
    }

    /// <summary>The JSON of <paramref name="result"/>, as <see cref="SessionOperation.SerializeResult"/> writes it.</summary>
    public static byte[] Result(SessionOperation operation, object? result, JsonSerializerOptions options)
    {
        Writer writer = Take(options);
        operation.WriteResult(writer.Json, result, options);
        return writer.Finish();
    }

    /// <summary>
    /// Writes a live payload's JSON into this thread's buffer, as it leaves the process (Orleans' codec copies it into
    /// its own writer): the <see cref="Lease"/> must be returned once the bytes are copied.
    /// </summary>
    public static Lease Write(SessionPayload payload)
    {
        Writer writer = Take(payload.WriteOptions);
        payload.WriteJson(writer.Json);
        writer.Json.Flush();
        return new Lease(writer);
    }

    /// <summary>A buffer with a payload's JSON written in it, lent by <see cref="Write"/>.</summary>
    public readonly struct Lease
    {
        private readonly Writer writer;

        internal Lease(Writer writer) => this.writer = writer;

        /// <summary>The JSON written.</summary>
        public ReadOnlySpan<byte> Written => writer.Written;

        /// <summary>Gives the buffer back to the thread (unless it grew large).</summary>
        public void Return() => writer.Keep();
    }

    private static Writer Take(JsonSerializerOptions options)
    {
        // Taken off the thread while in use: a converter that writes wire JSON itself gets a writer of its own.
        Writer? writer = cached;
        cached = null;
        if (writer is null || !ReferenceEquals(writer.Options, options))
        {
            return new Writer(options);
        }

        writer.Reset();
        return writer;
    }

    /// <summary>A buffer and the JSON writer over it, with the serializer options' encoder, indentation and depth.</summary>
    internal sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> buffer = new(256);

        public Writer(JsonSerializerOptions options)
        {
            Options = options;
            Json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented, MaxDepth = options.MaxDepth });
        }

        public JsonSerializerOptions Options { get; }

        public Utf8JsonWriter Json { get; }

        public void Reset()
        {
            buffer.ResetWrittenCount();
            Json.Reset(buffer);
        }

        public ReadOnlySpan<byte> Written => buffer.WrittenSpan;

        /// <summary>The bytes written; the writer goes back to the thread unless its buffer grew large.</summary>
        public byte[] Finish()
        {
            Json.Flush();
            byte[] bytes = buffer.WrittenSpan.ToArray();
            Keep();
            return bytes;
        }

        /// <summary>Goes back to the thread, unless its buffer grew large.</summary>
        public void Keep()
        {
            if (buffer.Capacity <= KeptCapacity)
            {
                cached = this;
            }
        }
    }
}
