using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SessionGen.AspNetCore.Endpoints;

/// <summary>
/// Which types the JSON options can handle the way the application meant. Plain options (reflection only) need only to
/// resolve a type. Options whose resolver chain holds a <see cref="JsonSerializerContext"/> must resolve each type
/// through a context (or another resolver of the application's own), not through the reflection fallback
/// (<see cref="DefaultJsonTypeInfoResolver"/>) that a default web app keeps at the end of the chain: that fallback
/// ignores the context's settings (its string-enum converter, its naming policy) and fails under Native AOT, so the
/// application would behave one way in development and another in production.
/// </summary>
internal static class JsonCoverage
{
    /// <summary>The first context of the chain, named in the error; null when the options use no context.</summary>
    public static JsonSerializerContext? FirstContext(JsonSerializerOptions json) =>
        json.TypeInfoResolverChain.OfType<JsonSerializerContext>().FirstOrDefault();

    /// <summary>Why <paramref name="type"/> is not covered, or null when it is.</summary>
    public static string? Gap(JsonSerializerOptions json, Type type)
    {
        JsonSerializerContext? context = FirstContext(json);
        if (context is null)
        {
            try
            {
                json.GetTypeInfo(type);
                return null;
            }
            catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
            {
                return "cannot be serialized: " + exception.Message;
            }
        }

        foreach (IJsonTypeInfoResolver resolver in json.TypeInfoResolverChain)
        {
            JsonTypeInfo? info;
            try
            {
                info = resolver.GetTypeInfo(type, json);
            }
            catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException)
            {
                return "cannot be serialized: " + exception.Message;
            }

            if (info is null)
            {
                continue;
            }

            // Built-in values come out the same from reflection as from a context: nothing of a context's settings applies.
            return resolver is DefaultJsonTypeInfoResolver && !IsSettingsFree(type)
                ? "is resolved by reflection (the options' DefaultJsonTypeInfoResolver), which ignores the context's settings and fails under Native AOT"
                : null;
        }

        return "is resolved by none of the options' TypeInfoResolverChain";
    }

    /// <summary><paramref name="type"/> as C# writes it: <c>Mood?</c>, <c>List&lt;Order&gt;</c>.</summary>
    public static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Describe(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Describe(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>";
    }

    // Primitives, strings and the like (and arrays and nullables of them): their converters take nothing from a context.
    private static bool IsSettingsFree(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsSettingsFree(underlying);
        }

        if (type.IsArray)
        {
            return IsSettingsFree(type.GetElementType()!);
        }

        return (type.IsPrimitive && type != typeof(IntPtr) && type != typeof(UIntPtr))
            || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Uri);
    }
}
