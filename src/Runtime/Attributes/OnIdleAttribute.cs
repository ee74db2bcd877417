namespace SessionGen;

/// <summary>
/// Marks the method that runs, on the session's turn, just before a session ends for having received no
/// message for <see cref="SessionProcessAttribute.IdleTimeoutSeconds"/>. It takes no parameters, may emit
/// events, and returns <c>void</c>, <see cref="Task"/> or <see cref="ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnIdleAttribute : Attribute
{
}
