using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// What the runtime knows of a named timeout (<c>[OnTimeout]</c>): its name and, under a protocol, the states it
/// is accepted in and may move to. One static instance per timeout handler, which the generated call of the handler
/// (<see cref="ITimeoutCall{TProcess}.Spec"/>) returns, so a pending timeout does not carry it.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
/// <param name="Name">The timeout's name.</param>
/// <param name="AcceptedStates">The protocol states in which it runs; held otherwise.</param>
/// <param name="TargetStates">The states its handler may move the session to.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record TimeoutSpec(string Name, ulong AcceptedStates = SessionProtocol.AnyState, ulong TargetStates = 0);
