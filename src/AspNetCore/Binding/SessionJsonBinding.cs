using System.ComponentModel;
using SessionGen.Infrastructure;

namespace SessionGen.AspNetCore.Infrastructure;

/// <summary>
/// A process's operations as HTTP sees them (generated; see <see cref="ISessionHttpProcess"/>). For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionJsonBinding
{
    private readonly Dictionary<string, OperationJsonBinding> byName;

    /// <summary>Creates the binding (generated code does).</summary>
    public SessionJsonBinding(SessionProcessDefinition definition, OperationJsonBinding[] operations)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        Operations = operations ?? throw new ArgumentNullException(nameof(operations));
        byName = new Dictionary<string, OperationJsonBinding>(operations.Length, StringComparer.OrdinalIgnoreCase);
        foreach (OperationJsonBinding operation in operations)
        {
            if (!byName.TryAdd(operation.Operation.Name, operation))
            {
                throw new InvalidOperationException(
                    $"Process '{definition.ProtocolName}' has operations '{byName[operation.Operation.Name].Operation.Name}' and '{operation.Operation.Name}', " +
                    "whose names differ only in case: HTTP reads operation names in any case, so rename one of them.");
            }
        }
    }

    /// <summary>The process.</summary>
    public SessionProcessDefinition Definition { get; }

    /// <summary>Every operation, starters included.</summary>
    public IReadOnlyList<OperationJsonBinding> Operations { get; }

    /// <summary>The operation called <paramref name="name"/> in any case (<c>vote</c> finds <c>Vote</c>), or <see langword="null"/>.</summary>
    public OperationJsonBinding? Find(string name) => byName.GetValueOrDefault(name);
}
