namespace SessionGen;

/// <summary>
/// Marks the method that runs, on the session's turn, after a handler of the process threw. It takes the
/// <see cref="SessionFaultedException"/> (or nothing), may emit events, and returns <c>void</c>,
/// <see cref="Task"/> or <see cref="ValueTask"/>. The fault policy applies after it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnFaultAttribute : Attribute
{
}
