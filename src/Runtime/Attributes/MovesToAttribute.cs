namespace SessionGen;

/// <summary>
/// The protocol states a handler may move the session to, with the generated <c>MoveTo(state)</c>. These
/// declarations are the protocol's transitions: the analyzers check them and the generated Mermaid diagram shows them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MovesToAttribute : Attribute
{
    /// <summary>Declares the target states.</summary>
    public MovesToAttribute(params object[] states)
    {
        States = states;
    }

    /// <summary>The target states, as members of the process's states enum.</summary>
    public object[] States { get; }
}
