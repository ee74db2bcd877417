using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.Infrastructure;

/// <summary>
/// Writes named values (a durable process's fields, a pending timeout's arguments) as the properties of one JSON
/// object, each with System.Text.Json and the <see cref="JsonTypeInfo"/> of its declared type from
/// <see cref="SessionHostOptions.SerializerOptions"/>. For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionStateWriter
{
    private readonly Utf8JsonWriter json;
    private readonly JsonSerializerOptions options;
    private readonly string process;

    internal SessionStateWriter(Utf8JsonWriter json, JsonSerializerOptions options, string process)
    {
        this.json = json;
        this.options = options;
        this.process = process;
    }

    /// <summary>Writes <paramref name="value"/> as property <paramref name="name"/>.</summary>
    /// <exception cref="SessionStateException">The serializer options cannot write type <typeparamref name="T"/>.</exception>
    public void Write<T>(string name, T value)
    {
        JsonTypeInfo<T> typeInfo = SessionStateTypes.Get<T>(options, process, name);
        json.WritePropertyName(name);
        JsonSerializer.Serialize(json, value, typeInfo);
    }
}
