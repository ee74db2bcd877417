using System.ComponentModel;
using System.Text.Json;

namespace SessionGen.Infrastructure;

/// <summary>
/// The steps the generated message readers (<c>ReadMessageJson</c> of each operation's table entry) are made of.
/// Values go through System.Text.Json with the <see cref="System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}"/>
/// that the application's options resolve (a source-generated context under Native AOT); no reflection.
/// The errors name the property; <see cref="SessionOperation.ReadMessage"/> adds the operation.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonMessageReader
{
    /// <summary>Moves to the message's opening brace.</summary>
    /// <param name="reader">The reader, before the message or on its first token.</param>
    /// <exception cref="JsonException">There is nothing to read, or the JSON is not an object.</exception>
    public static void ReadStartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            throw new JsonException("The message is empty; send it as a JSON object.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The message must be a JSON object, not {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Moves to the next property's value; false at the closing brace.</summary>
    /// <param name="reader">The reader, on the opening brace or on the last token of the previous value.</param>
    /// <param name="name">The property's name, as written.</param>
    public static bool ReadPropertyName(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = NameOf(ref reader);
        reader.Read();
        return true;
    }

    // The property names this thread read last, as written (UTF-8) and as strings: a message type's few names come back
    // with every message, and a string made per property per message was most of reading a small one.
    [ThreadStatic]
    private static KnownName[]? knownNames;

    [ThreadStatic]
    private static int nextKnownName;

    private const int KnownNames = 16;

    // Longer names are read as strings each time rather than kept.
    private const int LongestKnownName = 64;

    /// <summary>The property name the reader is on: a string kept from an earlier message when it is written the same, else a new one.</summary>
    private static string NameOf(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > LongestKnownName)
        {
            return reader.GetString()!;
        }

        ReadOnlySpan<byte> written = reader.ValueSpan;
        KnownName[] known = knownNames ??= new KnownName[KnownNames];
        foreach (KnownName name in known)
        {
            if (name.Utf8 is { } utf8 && written.SequenceEqual(utf8))
            {
                return name.Name;
            }
        }

        string read = reader.GetString()!;
        known[nextKnownName] = new KnownName(written.ToArray(), read);
        nextKnownName = (nextKnownName + 1) % KnownNames;
        return read;
    }

    private readonly record struct KnownName(byte[] Utf8, string Name);

    /// <summary>True when <paramref name="property"/> names the parameter, in either of its spellings, ignoring case.</summary>
    /// <param name="property">The property's name, as written.</param>
    /// <param name="jsonName">The parameter's JSON name (lower-case first letter).</param>
    /// <param name="propertyName">The message record's property name.</param>
    public static bool Matches(string property, string jsonName, string propertyName) =>
        string.Equals(property, jsonName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(property, propertyName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the current value as a <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <param name="options">The options whose contract for <typeparamref name="T"/> reads the value.</param>
    /// <param name="name">The property's JSON name, for errors.</param>
    /// <param name="allowNull">True for a nullable parameter.</param>
    /// <exception cref="JsonException">It is not one, or it is null where null is not allowed.</exception>
    /// <exception cref="InvalidOperationException">The options have no contract for <typeparamref name="T"/>.</exception>
    public static T? ReadValue<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, string name, bool allowNull)
    {
        JsonValues<T>.Contract contract = JsonValues<T>.OfProperty(options, name);
        T? value;
        try
        {
            value = contract.Read(ref reader);
        }
        catch (JsonException exception)
        {
            throw new JsonException($"Property '{name}' is not a valid {typeof(T).Name}: {exception.Message}", exception);
        }

        if (value is null && !allowNull)
        {
            throw new JsonException($"Property '{name}' must not be null.");
        }

        return value;
    }

    /// <summary>Fails when a required property was not in the object.</summary>
    /// <param name="seen">True when the property was read.</param>
    /// <param name="name">The property's JSON name.</param>
    /// <exception cref="JsonException">It was not.</exception>
    public static void Require(bool seen, string name)
    {
        if (!seen)
        {
            throw new JsonException($"Property '{name}' is missing.");
        }
    }

    /// <summary>The reader settings that go with <paramref name="options"/>: trailing commas, comments and depth.</summary>
    internal static JsonReaderOptions ReaderOptions(JsonSerializerOptions options) => new()
    {
        AllowTrailingCommas = options.AllowTrailingCommas,
        CommentHandling = options.ReadCommentHandling,
        MaxDepth = options.MaxDepth,
    };

    /// <summary>
    /// Fails unless the reader is at the end of its input, after the one value it was to read (a reader without
    /// <c>AllowMultipleValues</c> refuses a second value itself; this also covers one that allows them).
    /// </summary>
    /// <exception cref="JsonException">More follows.</exception>
    internal static void ReadEnd(ref Utf8JsonReader reader, string what)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected content after the {what}.");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
