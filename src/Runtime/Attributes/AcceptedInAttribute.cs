namespace SessionGen;

/// <summary>
/// The protocol states (members of the process's <see cref="SessionProcessAttribute.States"/> enum) in which a
/// handler or timeout is accepted. A message that arrives in another state waits, in order, until the session
/// reaches one of these. Without it, a handler is accepted in every state.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AcceptedInAttribute : Attribute
{
    /// <summary>Declares the states.</summary>
    public AcceptedInAttribute(params object[] states)
    {
        States = states;
    }

    /// <summary>The states, as members of the process's states enum.</summary>
    public object[] States { get; }
}
