using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// A named timeout's pending call, as the generated <c>Schedule{Name}</c> makes it: a struct holding the handler's
/// arguments, kept inline in the timer entry (no closure or delegate per timeout). Generated code implements it;
/// user code calls <c>Schedule{Name}</c>.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
/// <typeparam name="TProcess">The process whose handler it calls.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITimeoutCall<in TProcess>
    where TProcess : class
{
    /// <summary>The timeout under the process's protocol (its name and states), or null when the process has none.</summary>
    TimeoutSpec? Spec { get; }

    /// <summary>Calls the timeout's handler on <paramref name="process"/>, on its session's turn.</summary>
    /// <param name="process">The session's process instance.</param>
    /// <returns>The handler's completion.</returns>
    ValueTask Run(TProcess process);
}
