using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.Infrastructure;

/// <summary>
/// Reads the named values a <see cref="SessionStateWriter"/> wrote. A value that no longer reads as its field's type
/// (the type changed incompatibly) is a <see cref="SessionStateException"/> naming the session and the field, never a
/// silent default. For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionStateReader
{
    private readonly JsonElement values;
    private readonly JsonSerializerOptions options;
    private readonly string process;
    private readonly SessionId sessionId;

    internal SessionStateReader(JsonElement values, JsonSerializerOptions options, string process, SessionId sessionId)
    {
        this.values = values;
        this.options = options;
        this.process = process;
        this.sessionId = sessionId;
    }

    /// <summary>Reads property <paramref name="name"/> as a <typeparamref name="T"/>; false when the state has no such property.</summary>
    /// <exception cref="SessionStateException">The stored value does not read as a <typeparamref name="T"/>.</exception>
    public bool TryRead<T>(string name, out T value)
    {
        if (!values.TryGetProperty(name, out JsonElement element))
        {
            value = default!;
            return false;
        }

        JsonTypeInfo<T> typeInfo = SessionStateTypes.Get<T>(options, process, name);
        try
        {
            value = element.Deserialize(typeInfo)!;
            return true;
        }
        catch (JsonException exception)
        {
            throw new SessionStateException(
                sessionId,
                $"Session '{sessionId}' of process '{process}' cannot be loaded: its stored '{name}' does not read as {typeof(T)} ({exception.Message}).",
                exception);
        }
    }

    /// <summary>Reads property <paramref name="name"/>, which must be there (a timeout's argument).</summary>
    /// <exception cref="SessionStateException">The property is missing or does not read as a <typeparamref name="T"/>.</exception>
    public T Read<T>(string name) =>
        TryRead(name, out T value)
            ? value
            : throw new SessionStateException(sessionId, $"Session '{sessionId}' of process '{process}' cannot be loaded: its stored state has no '{name}'.");

    /// <summary>The error for a stored timeout the process no longer declares.</summary>
    public SessionStateException UnknownTimeout(string name) =>
        new(sessionId, $"Session '{sessionId}' of process '{process}' cannot be loaded: it has a pending timeout '{name}', which the process no longer declares.");
}
