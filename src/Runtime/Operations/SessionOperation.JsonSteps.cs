using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SessionGen.Infrastructure;

/// <summary>
/// The steps of <see cref="JsonMessageReader"/> and <see cref="JsonMessageWriter"/> as members of the operation, so a
/// generated table entry (which derives from it) calls them by their simple names: the entries' readers and writers
/// spelled <c>global::SessionGen.Infrastructure.JsonMessageReader.</c> some fifty times per process (issue 16, sixth
/// round). Each is the same call, inlined.
/// </summary>
public abstract partial class SessionOperation
{
    /// <summary>Writes property <paramref name="name"/> with <paramref name="value"/>: <see cref="JsonMessageWriter.WriteProperty{T}"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="writer">The writer, inside the message's object.</param>
    /// <param name="name">The property's JSON name (the parameter's name with a lower-case first letter).</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The options whose contract for <typeparamref name="T"/> writes the value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void WriteProperty<T>(Utf8JsonWriter writer, string name, T value, JsonSerializerOptions options) =>
        JsonMessageWriter.WriteProperty(writer, name, value, options);

    /// <summary>Moves to the message's opening brace: <see cref="JsonMessageReader.ReadStartObject"/>.</summary>
    /// <param name="reader">The reader, before the message or on its first token.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void ReadStartObject(ref Utf8JsonReader reader) => JsonMessageReader.ReadStartObject(ref reader);

    /// <summary>Moves to the next property's value; false at the closing brace: <see cref="JsonMessageReader.ReadPropertyName"/>.</summary>
    /// <param name="reader">The reader, on the opening brace or on the last token of the previous value.</param>
    /// <param name="name">The property's name, as written.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static bool ReadPropertyName(ref Utf8JsonReader reader, out string name) => JsonMessageReader.ReadPropertyName(ref reader, out name);

    /// <summary>True when <paramref name="property"/> names the parameter, in either spelling, ignoring case: <see cref="JsonMessageReader.Matches"/>.</summary>
    /// <param name="property">The property's name, as written.</param>
    /// <param name="jsonName">The parameter's JSON name (lower-case first letter).</param>
    /// <param name="propertyName">The message record's property name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static bool IsProperty(string property, string jsonName, string propertyName) => JsonMessageReader.Matches(property, jsonName, propertyName);

    /// <summary>Reads the current value as a <typeparamref name="T"/>: <see cref="JsonMessageReader.ReadValue{T}"/>.</summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="reader">The reader, on the value's first token.</param>
    /// <param name="options">The options whose contract for <typeparamref name="T"/> reads the value.</param>
    /// <param name="name">The property's JSON name, for errors.</param>
    /// <param name="allowNull">True for a nullable parameter.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static T? ReadValue<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, string name, bool allowNull) =>
        JsonMessageReader.ReadValue<T>(ref reader, options, name, allowNull);

    /// <summary>Fails when a required property was not in the object: <see cref="JsonMessageReader.Require"/>.</summary>
    /// <param name="seen">True when the property was read.</param>
    /// <param name="name">The property's JSON name.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected static void RequireProperty(bool seen, string name) => JsonMessageReader.Require(seen, name);
}
