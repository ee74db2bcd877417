using System.ComponentModel;

namespace SessionGen.Infrastructure;

/// <summary>
/// A process's protocol as the runtime uses it: its states (at most 64, as bits of a mask), which are final, and
/// which can be reached from which, so a message that can never be accepted is refused at once instead of waiting.
/// Generated from <see cref="SessionProcessAttribute.States"/>, <see cref="AcceptedInAttribute"/> and <see cref="MovesToAttribute"/>.
/// For code the SessionGen generator emits; not a stable API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SessionProtocol
{
    /// <summary>Every state: the mask a handler without <see cref="AcceptedInAttribute"/> is accepted in.</summary>
    public const ulong AnyState = ulong.MaxValue;

    private readonly ulong[] reachable;

    /// <summary>Creates the protocol.</summary>
    /// <param name="states">State names in declaration order; index 0 is the initial state.</param>
    /// <param name="finalStates">The mask of final states.</param>
    /// <param name="transitions">For each state, the mask of states its accepted handlers may move to.</param>
    public SessionProtocol(string[] states, ulong finalStates, ulong[] transitions)
    {
        if (states.Length is 0 or > 64 || transitions.Length != states.Length)
        {
            throw new ArgumentException("A protocol has between 1 and 64 states, each with its transitions.", nameof(states));
        }

        States = states;
        FinalStates = finalStates;
        reachable = Closure(transitions);
    }

    /// <summary>Creates the protocol with its Mermaid state diagram, which tools such as the SessionGen dashboard draw.</summary>
    /// <param name="states">State names in declaration order; index 0 is the initial state.</param>
    /// <param name="finalStates">The mask of final states.</param>
    /// <param name="transitions">For each state, the mask of states its accepted handlers may move to.</param>
    /// <param name="diagram">The protocol as a Mermaid <c>stateDiagram-v2</c> (the generated <c>ProtocolDiagram</c>).</param>
    public SessionProtocol(string[] states, ulong finalStates, ulong[] transitions, string diagram)
        : this(states, finalStates, transitions)
    {
        Diagram = diagram;
    }

    /// <summary>The protocol as a Mermaid state diagram, or null when the generated code did not give it.</summary>
    internal string? Diagram { get; }

    /// <summary>The state names; index 0 is the initial state.</summary>
    internal IReadOnlyList<string> States { get; }

    /// <summary>The mask of final states.</summary>
    internal ulong FinalStates { get; }

    /// <summary>The mask of states reachable from <paramref name="state"/>, itself included.</summary>
    internal ulong ReachableFrom(int state) => reachable[state];

    /// <summary>The mask of a single state.</summary>
    internal static ulong Bit(int state) => 1UL << state;

    private static ulong[] Closure(ulong[] transitions)
    {
        var closure = new ulong[transitions.Length];
        for (int state = 0; state < transitions.Length; state++)
        {
            ulong seen = Bit(state);
            ulong frontier = seen;
            while (frontier != 0)
            {
                ulong next = 0;
                for (int s = 0; s < transitions.Length; s++)
                {
                    if ((frontier & Bit(s)) != 0)
                    {
                        next |= transitions[s];
                    }
                }

                frontier = next & ~seen;
                seen |= next;
            }

            closure[state] = seen;
        }

        return closure;
    }
}
