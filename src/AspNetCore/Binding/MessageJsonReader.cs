using System.ComponentModel;
using System.Text.Json;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// Reads one operation's message record from a JSON object (generated per operation). For code the SessionGen generator emits; not a stable API.
/// </summary>
/// <exception cref="JsonException">The JSON is not an object of the message's properties.</exception>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate object MessageJsonReader(ref Utf8JsonReader reader, JsonSerializerOptions options);
