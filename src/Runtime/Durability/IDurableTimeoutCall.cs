using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// A pending named timeout of a durable process: its call (see <see cref="ITimeoutCall{TProcess}"/>) that can also
/// write its arguments, so a reloaded session can schedule it again (<see cref="SessionProcessDefinition.RestoreTimeout"/>).
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
/// <typeparam name="TProcess">The process whose handler it calls.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IDurableTimeoutCall<in TProcess> : ITimeoutCall<TProcess>
    where TProcess : class
{
    /// <summary>The timeout's name, as in <c>[OnTimeout("Name")]</c>.</summary>
    string Name { get; }

    /// <summary>Writes the handler's arguments, by parameter name.</summary>
    void WriteArguments(SessionStateWriter arguments);
}
