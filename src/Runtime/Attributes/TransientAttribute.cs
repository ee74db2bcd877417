namespace SessionGen;

/// <summary>
/// Marks an instance field of a durable process (<see cref="SessionProcessAttribute.Durable"/>) that is not stored: after
/// the session is loaded again it holds what the process's constructor and field initializers give it.
/// </summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class TransientAttribute : Attribute
{
}
