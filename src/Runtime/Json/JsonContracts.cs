using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.Infrastructure;

/// <summary>Finds the <see cref="JsonTypeInfo{T}"/> a message property or result is written and read with, or says why there is none.</summary>
internal static class JsonContracts
{
    /// <summary>
    /// The options' contract for message property <paramref name="name"/>'s type. The description the error needs is
    /// made only for the error: every message reads and writes each property through here, and formatting it each time
    /// was a string per property per message.
    /// </summary>
    /// <exception cref="InvalidOperationException">The options have none.</exception>
    public static JsonTypeInfo<T> OfProperty<T>(JsonSerializerOptions options, string name)
    {
        try
        {
            return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException exception)
        {
            throw Unsupported<T>($"property '{name}'", exception);
        }
    }

    /// <summary>The options' contract for <paramref name="operation"/>'s result type (its description made only for the error).</summary>
    /// <exception cref="InvalidOperationException">The options have none.</exception>
    public static JsonTypeInfo<T> OfResult<T>(JsonSerializerOptions options, SessionOperation operation)
    {
        try
        {
            return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException exception)
        {
            throw Unsupported<T>($"the result of operation '{operation}'", exception);
        }
    }

    private static InvalidOperationException Unsupported<T>(string what, NotSupportedException exception) => new(
        $"The JSON options cannot serialize {typeof(T)} ({what}): add [JsonSerializable(typeof({typeof(T).Name}))] to the " +
        "application's JsonSerializerContext and put that context in the options' TypeInfoResolverChain.",
        exception);
}
