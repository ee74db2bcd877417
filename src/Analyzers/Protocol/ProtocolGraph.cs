using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Protocol;

/// <summary>
/// A process's protocol as the generator and runtime see it: the states of its <c>States</c> enum, each handler's
/// accepted states and declared targets (operations and timeouts alike), and the states a session can reach from the
/// initial one through declared transitions. A session ends on reaching a final state, so no transition leaves one.
/// </summary>
internal sealed class ProtocolGraph
{
    private ProtocolGraph(ProtocolStates states, List<ProtocolHandler> handlers)
    {
        States = states;
        Handlers = handlers;
        Reachable = ReachableStates();
    }

    public ProtocolStates States { get; }

    public IReadOnlyList<ProtocolHandler> Handlers { get; }

    /// <summary>The states a session can reach: the initial one and the targets of handlers accepted in reachable states.</summary>
    public ulong Reachable { get; }

    /// <summary>The graph of a process whose <c>States</c> is an enum the generator builds a protocol from; else null.</summary>
    public static ProtocolGraph? Of(INamedTypeSymbol process, SessionGenTypes types)
    {
        if (StatesDeclaration.Of(process, types.SessionProcess) is not (StatesDeclarationKind.Enum, INamedTypeSymbol enumType))
        {
            return null;
        }

        var states = ProtocolStates.Of(enumType);
        if (states.Count is 0 or > ProtocolStates.MaxStates)
        {
            return null;
        }

        var handlers = new List<ProtocolHandler>();
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (HandlerAttribute handler in ProcessHandlers.Of(process, types))
        {
            if (handler.IsBound && seen.Add(handler.Method))
            {
                handlers.Add(Read(handler.Method, IsStarter(handler.Method, types), states, types));
            }
        }

        return new ProtocolGraph(states, handlers);
    }

    public static ulong Bit(int state) => 1UL << state;

    public bool IsReachable(int state) => (Reachable & Bit(state)) != 0;

    /// <summary>The reachable states that are not final: the session ends on reaching a final state, so only in these do handlers run.</summary>
    public ulong Live
    {
        get
        {
            ulong live = 0;
            for (int state = 0; state < States.Count; state++)
            {
                if (IsReachable(state) && !States.IsFinal(state))
                {
                    live |= Bit(state);
                }
            }

            return live;
        }
    }

    /// <summary>True when some handler accepted in <paramref name="state"/> declares a move to another state.</summary>
    public bool HasWayOut(int state)
    {
        foreach (ProtocolHandler handler in Handlers)
        {
            if ((handler.Accepted & Bit(state)) != 0 && (handler.Targets & ~Bit(state)) != 0)
            {
                return true;
            }
        }

        return false;
    }

    private static ProtocolHandler Read(IMethodSymbol method, bool isStarter, ProtocolStates states, SessionGenTypes types)
    {
        StateList? acceptedIn = StateList.AcceptedIn(method, types);
        ulong accepted = isStarter ? Bit(0) : acceptedIn is null ? ulong.MaxValue : Mask(acceptedIn, states);
        ulong targets = StateList.MovesTo(method, types) is { } movesTo ? Mask(movesTo, states) : 0;
        return new ProtocolHandler(method, isStarter, acceptedIn, accepted, targets);
    }

    private static bool IsStarter(IMethodSymbol method, SessionGenTypes types)
    {
        foreach (HandlerAttribute handler in HandlerAttribute.Of(method, types))
        {
            if (handler.Kind == HandlerKind.Operation && handler.StartsSession)
            {
                return true;
            }
        }

        return false;
    }

    private static ulong Mask(StateList list, ProtocolStates states)
    {
        ulong mask = 0;
        foreach (TypedConstant argument in list.Arguments)
        {
            if (states.IndexOf(argument) is >= 0 and var state)
            {
                mask |= Bit(state);
            }
        }

        return mask;
    }

    private ulong ReachableStates()
    {
        ulong reached = Bit(0);
        ulong frontier = reached;
        while (frontier != 0)
        {
            ulong next = 0;
            for (int state = 0; state < States.Count; state++)
            {
                if ((frontier & Bit(state)) == 0 || (States.IsFinal(state) && state != 0))
                {
                    continue;
                }

                foreach (ProtocolHandler handler in Handlers)
                {
                    // In a final initial state only the starter still runs; the session ends after it.
                    bool runs = States.IsFinal(state) ? handler.IsStarter : (handler.Accepted & Bit(state)) != 0;
                    if (runs)
                    {
                        next |= handler.Targets;
                    }
                }
            }

            frontier = next & ~reached;
            reached |= next;
        }

        return reached;
    }
}
