using System.Collections.Concurrent;
using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// The durable processes of the running application, by protocol name: a restarted host finds here the process of
/// each stored session it must wake (<see cref="SessionHost.RecoverAsync"/>). Generated code registers each durable
/// process when its assembly loads. For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DurableProcessCatalog
{
    private static readonly ConcurrentDictionary<string, SessionProcessDefinition> Processes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Clashes = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="definition"/>; never throws (it runs as its assembly loads).</summary>
    public static void Register(SessionProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        SessionProcessDefinition registered = Processes.GetOrAdd(definition.ProtocolName, definition);
        if (!ReferenceEquals(registered, definition))
        {
            // Two processes with one protocol name: which one a stored session belongs to cannot be told.
            Clashes[definition.ProtocolName] = $"{registered.GetType().FullName} and {definition.GetType().FullName}";
        }
    }

    /// <summary>Every durable process registered so far.</summary>
    internal static IEnumerable<SessionProcessDefinition> All => Processes.Values;

    /// <summary>The durable process named <paramref name="protocolName"/>, or null when this application has none (hosts that receive messages by process name look it up here).</summary>
    /// <exception cref="InvalidOperationException">Two durable processes share the name.</exception>
    public static SessionProcessDefinition? Find(string protocolName)
    {
        if (Clashes.TryGetValue(protocolName, out string? both))
        {
            throw new InvalidOperationException($"Two durable processes are named '{protocolName}' ({both}): give one another name with [SessionProcess(\"…\")].");
        }

        return Processes.GetValueOrDefault(protocolName);
    }
}
