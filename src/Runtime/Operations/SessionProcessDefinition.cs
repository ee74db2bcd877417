using System.ComponentModel;

namespace SessionGen;

/// <summary>
/// What the runtime knows of a process: its protocol name, its operations and how to make an instance.
/// The generator emits one per <see cref="SessionProcessAttribute"/> class (<c>P.SessionDefinition</c>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SessionProcessDefinition
{
    /// <summary>Creates the definition.</summary>
    /// <param name="protocolName">The name used on the wire.</param>
    protected SessionProcessDefinition(string protocolName)
    {
        ProtocolName = protocolName;
    }

    /// <summary>The process's name on the wire (<see cref="SessionProcessAttribute.Name"/>, or the class name).</summary>
    public string ProtocolName { get; }

    /// <summary>Every operation the process declares, starters included.</summary>
    public abstract IReadOnlyList<SessionOperation> Operations { get; }

    /// <summary>The operation called <paramref name="name"/>, or <see langword="null"/>.</summary>
    public abstract SessionOperation? FindOperation(string name);

    /// <summary>Makes the process instance of a new session and binds it to <paramref name="context"/>.</summary>
    protected abstract object CreateProcess(SessionContext context);

    internal object CreateBoundProcess(SessionContext context) => CreateProcess(context);

    /// <inheritdoc/>
    public override string ToString() => ProtocolName;
}
