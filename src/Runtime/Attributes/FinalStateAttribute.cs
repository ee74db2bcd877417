namespace SessionGen;

/// <summary>Marks a member of a process's states enum as final: a session that reaches it ends after the current handler.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class FinalStateAttribute : Attribute
{
}
