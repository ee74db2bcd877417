using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// The steps generated message readers are made of. Values go through System.Text.Json with the
/// <see cref="JsonTypeInfo{T}"/> that the application's options resolve (a source-generated context under AOT).
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonMessageReader
{
    /// <summary>Moves to the message's opening brace.</summary>
    /// <exception cref="JsonException">The JSON is not an object.</exception>
    public static void ReadStartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            throw new JsonException("The request body is empty; send the message as a JSON object.");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The message must be a JSON object, not {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Moves to the next property's value; false at the closing brace.</summary>
    public static bool ReadPropertyName(ref Utf8JsonReader reader, out string name)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = reader.GetString()!;
        reader.Read();
        return true;
    }

    /// <summary>True when <paramref name="property"/> names the parameter, in either of its spellings, ignoring case.</summary>
    public static bool Matches(string property, string jsonName, string propertyName) =>
        string.Equals(property, jsonName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(property, propertyName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the current value as a <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">It is not one, or it is null where null is not allowed.</exception>
    public static T? ReadValue<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, string name, bool allowNull)
    {
        var typeInfo = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(ref reader, typeInfo);
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
    public static void Require(bool seen, string name)
    {
        if (!seen)
        {
            throw new JsonException($"Property '{name}' is missing.");
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
