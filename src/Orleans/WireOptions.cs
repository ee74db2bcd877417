using System.Text.Json;

namespace SessionGen.Orleans;

/// <summary>The JSON options of the wire, locked where the cluster takes them.</summary>
internal static class WireOptions
{
    /// <summary>
    /// Makes <paramref name="options"/> read-only, as System.Text.Json's first serializer call would, and returns them.
    /// </summary>
    /// <remarks>
    /// Options still open to change give no cached contract: each <see cref="JsonSerializerOptions.GetTypeInfo"/> builds
    /// one anew (reflection over the type's attributes), and the runtime keeps a contract only for read-only options.
    /// The grain calls write and read their JSON without a serializer call, so nothing locked the options of a cluster
    /// with no durable session: every property of every message and every result cost a new contract, several
    /// kilobytes and about four times the CPU of the grain call itself. Options without a resolver are left as they are
    /// when reflection is off (locking them would throw; the first serializer call says why instead).
    /// </remarks>
    public static JsonSerializerOptions Locked(JsonSerializerOptions options)
    {
        if (!options.IsReadOnly && (options.TypeInfoResolver is not null || JsonSerializer.IsReflectionEnabledByDefault))
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return options;
    }
}
