using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.Infrastructure;

/// <summary>
/// Reads and writes one message property or result value of type <typeparamref name="T"/> the way
/// <see cref="JsonSerializer"/> does with the options' contract, faster for the common case: the contract of the options
/// used last is kept (no lookup per value), and a <see cref="string"/>, <see cref="int"/>, <see cref="long"/> or
/// <see cref="bool"/> whose contract uses System.Text.Json's own converter, with strict number handling, is read and
/// written directly on the reader and writer (what that converter does), without a serializer call per value (its read
/// stack, scoped reader and flush were most of a small message's JSON cost). Anything else, and every value the direct
/// path does not take (a token of another kind, a number out of range), goes through <see cref="JsonSerializer"/> as
/// before, so its result and its errors are the serializer's.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
internal static class JsonValues<T>
{
    // The options asked about last and what they resolve T to: an application nearly always uses one options object.
    private static Contract? last;

    /// <summary>The contract of message property <paramref name="name"/> (its description made only for the error).</summary>
    /// <exception cref="InvalidOperationException">The options have none.</exception>
    public static Contract OfProperty(JsonSerializerOptions options, string name) =>
        last is { } known && ReferenceEquals(known.Options, options) ? known : Remember(options, JsonContracts.OfProperty<T>(Locked(options), name));

    /// <summary>The contract of <paramref name="operation"/>'s result.</summary>
    /// <exception cref="InvalidOperationException">The options have none.</exception>
    public static Contract OfResult(JsonSerializerOptions options, SessionOperation operation) =>
        last is { } known && ReferenceEquals(known.Options, options) ? known : Remember(options, JsonContracts.OfResult<T>(Locked(options), operation));

    // Options still open to change give no cached contract (each lookup builds one anew, by reflection), and a message
    // of strings and numbers makes no serializer call that would lock them: lock them before the lookup, as
    // System.Text.Json's first serializer call does, so the contract found is the one they keep. Mutable options
    // without a resolver find no contract at all and are left as they are (the lookup says why).
    private static JsonSerializerOptions Locked(JsonSerializerOptions options)
    {
        if (!options.IsReadOnly && options.TypeInfoResolver is not null)
        {
            options.MakeReadOnly();
        }

        return options;
    }

    private static Contract Remember(JsonSerializerOptions options, JsonTypeInfo<T> typeInfo)
    {
        var contract = new Contract(options, typeInfo, IsDirect(options, typeInfo));

        // Options that could not be locked are not remembered: what they resolve to may change with them.
        if (options.IsReadOnly)
        {
            last = contract;
        }

        return contract;
    }

    /// <summary>True when the contract is System.Text.Json's own converter for one of the types read and written directly.</summary>
    private static bool IsDirect(JsonSerializerOptions options, JsonTypeInfo<T> typeInfo)
    {
        if (typeInfo.NumberHandling is not null and not JsonNumberHandling.Strict || options.NumberHandling != JsonNumberHandling.Strict)
        {
            return false;
        }

        Type converter = typeInfo.Converter.GetType();
        return typeof(T) == typeof(string) ? converter == JsonMetadataServices.StringConverter.GetType()
            : typeof(T) == typeof(int) ? converter == JsonMetadataServices.Int32Converter.GetType()
            : typeof(T) == typeof(long) ? converter == JsonMetadataServices.Int64Converter.GetType()
            : typeof(T) == typeof(bool) && converter == JsonMetadataServices.BooleanConverter.GetType();
    }

    /// <summary>One options object's contract for <typeparamref name="T"/>.</summary>
    internal sealed class Contract(JsonSerializerOptions options, JsonTypeInfo<T> typeInfo, bool direct)
    {
        public JsonSerializerOptions Options { get; } = options;

        public JsonTypeInfo<T> TypeInfo { get; } = typeInfo;

        /// <summary>True when the value is read and written on the reader and writer directly (see <see cref="JsonValues{T}"/>).</summary>
        public bool Direct { get; } = direct;

        /// <summary>Reads the value at the reader's current token, leaving it on the value's last token, as <see cref="JsonSerializer"/> does.</summary>
        /// <exception cref="JsonException">It is not a <typeparamref name="T"/> (the serializer's error).</exception>
        public T? Read(ref Utf8JsonReader reader)
        {
            if (Direct)
            {
                if (reader.TokenType != JsonTokenType.None)
                {
                    if (TryReadDirect(ref reader, out T? value))
                    {
                        return value;
                    }
                }
                else if (TryReadFirst(ref reader, out T? value))
                {
                    return value;
                }
            }

            return JsonSerializer.Deserialize(ref reader, TypeInfo);
        }

        /// <summary>
        /// A reader before its first token (a whole result's JSON): reads it on a copy, handed back only when the value was
        /// read, so that input the serializer would refuse reaches the serializer untouched and fails with its error.
        /// </summary>
        private static bool TryReadFirst(ref Utf8JsonReader reader, out T? value)
        {
            Utf8JsonReader ahead = reader;
            try
            {
                if (ahead.Read() && TryReadDirect(ref ahead, out value))
                {
                    reader = ahead;
                    return true;
                }
            }
            catch (JsonException)
            {
                // Not JSON: the serializer reads it again and says so in its words.
            }

            value = default;
            return false;
        }

        /// <summary>Writes <paramref name="value"/> as <see cref="JsonSerializer"/> does.</summary>
        public void Write(Utf8JsonWriter writer, T value)
        {
            if (!Direct)
            {
                JsonSerializer.Serialize(writer, value, TypeInfo);
            }
            else if (typeof(T) == typeof(int))
            {
                writer.WriteNumberValue((int)(object)value!);
            }
            else if (typeof(T) == typeof(long))
            {
                writer.WriteNumberValue((long)(object)value!);
            }
            else if (typeof(T) == typeof(bool))
            {
                writer.WriteBooleanValue((bool)(object)value!);
            }
            else if (value is null)
            {
                writer.WriteNullValue(); // a null string
            }
            else
            {
                writer.WriteStringValue((string)(object)value);
            }
        }

        /// <summary>The tokens the built-in converters read without failing; false for any other (the serializer then reads it, or fails as it does).</summary>
        private static bool TryReadDirect(ref Utf8JsonReader reader, out T? value)
        {
            if (typeof(T) == typeof(int))
            {
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int number))
                {
                    value = (T)(object)number;
                    return true;
                }

                value = default;
                return false;
            }

            if (typeof(T) == typeof(long))
            {
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long number))
                {
                    value = (T)(object)number;
                    return true;
                }

                value = default;
                return false;
            }

            if (typeof(T) == typeof(bool))
            {
                value = (T)(object)(reader.TokenType == JsonTokenType.True);
                return reader.TokenType is JsonTokenType.True or JsonTokenType.False;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    try
                    {
                        value = (T)(object)reader.GetString()!;
                        return true;
                    }
                    catch (InvalidOperationException)
                    {
                        // Invalid UTF-8: the serializer reads it again and fails with its JsonException, not this one.
                        value = default;
                        return false;
                    }

                case JsonTokenType.Null:
                    value = default; // a string is null, as the serializer reads it
                    return true;
                default:
                    value = default;
                    return false;
            }
        }
    }
}
