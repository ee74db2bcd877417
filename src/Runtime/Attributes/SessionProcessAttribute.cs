namespace SessionGen;

/// <summary>
/// Marks a <see langword="partial"/> class as a session process: one instance of it lives per session,
/// its instance fields are the session-scoped variables, and its <see cref="OnAttribute"/> methods handle
/// the session's messages one at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class SessionProcessAttribute : Attribute
{
    /// <summary>Declares a process whose protocol name is the class name.</summary>
    public SessionProcessAttribute()
    {
    }

    /// <summary>Declares a process with an explicit protocol name, used on the wire.</summary>
    /// <param name="name">The protocol name, for example <c>"Sessions.Manager"</c>.</param>
    public SessionProcessAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The protocol name, or <see langword="null"/> to use the class name.</summary>
    public string? Name { get; }
}
