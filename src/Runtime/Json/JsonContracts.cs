using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.Infrastructure;

/// <summary>Finds the <see cref="JsonTypeInfo{T}"/> a message property or result is written and read with, or says why there is none.</summary>
internal static class JsonContracts
{
    /// <summary>The options' contract for <typeparamref name="T"/>.</summary>
    /// <param name="options">The application's options.</param>
    /// <param name="what">What the value is (<c>property 'name'</c>, <c>result</c>), for the error.</param>
    /// <exception cref="InvalidOperationException">The options have none (typically: a type missing from the JsonSerializerContext).</exception>
    public static JsonTypeInfo<T> Get<T>(JsonSerializerOptions options, string what)
    {
        try
        {
            return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException exception)
        {
            throw new InvalidOperationException(
                $"The JSON options cannot serialize {typeof(T)} ({what}): add [JsonSerializable(typeof({typeof(T).Name}))] to the " +
                "application's JsonSerializerContext and put that context in the options' TypeInfoResolverChain.",
                exception);
        }
    }
}
