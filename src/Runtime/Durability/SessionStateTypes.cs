using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.Infrastructure;

/// <summary>Finds the <see cref="JsonTypeInfo{T}"/> a stored value is written and read with, or says why there is none.</summary>
internal static class SessionStateTypes
{
    public static JsonTypeInfo<T> Get<T>(JsonSerializerOptions options, string process, string name)
    {
        try
        {
            return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException exception)
        {
            // Under Native AOT (or with a resolver that lacks the type) System.Text.Json cannot make a contract.
            throw new SessionStateException(
                default,
                $"Process '{process}' cannot store '{name}': the serializer options have no contract for {typeof(T)}. " +
                $"Add [JsonSerializable(typeof({typeof(T).Name}))] to the JsonSerializerContext in SessionHostOptions.SerializerOptions, or mark the field [Transient].",
                exception);
        }
    }
}
