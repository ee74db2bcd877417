using System.ComponentModel;
using System.Text.Json;

namespace SessionGen.Infrastructure;

/// <summary>
/// The step the generated message writers (<c>WriteMessageJson</c> of each operation's table entry) are made of:
/// one property, written with the <see cref="System.Text.Json.Serialization.Metadata.JsonTypeInfo{T}"/> the
/// application's options resolve (a source-generated context under Native AOT); no reflection.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class JsonMessageWriter
{
    /// <summary>Writes property <paramref name="name"/> with <paramref name="value"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="writer">The writer, inside the message's object.</param>
    /// <param name="name">The property's JSON name (the parameter's name with a lower-case first letter).</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options whose contract for <typeparamref name="T"/> writes the value.</param>
    /// <exception cref="InvalidOperationException">The options have no contract for <typeparamref name="T"/>.</exception>
    public static void WriteProperty<T>(Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options)
    {
        JsonValues<T>.Contract contract = JsonValues<T>.OfProperty(options, name);
        writer.WritePropertyName(name);
        contract.Write(writer, value);
    }
}
