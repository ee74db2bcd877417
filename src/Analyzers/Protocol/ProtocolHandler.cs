using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers.Protocol;

/// <summary>One handler method's place in the protocol, as masks over the states (bit i is state i).</summary>
internal sealed class ProtocolHandler
{
    public ProtocolHandler(IMethodSymbol method, bool isStarter, StateList? acceptedIn, ulong accepted, ulong targets)
    {
        Method = method;
        IsStarter = isStarter;
        AcceptedIn = acceptedIn;
        Accepted = accepted;
        Targets = targets;
    }

    public IMethodSymbol Method { get; }

    /// <summary>A starter runs once, as the first message of its session, so it counts as accepted in the initial state.</summary>
    public bool IsStarter { get; }

    /// <summary>The handler's <c>[AcceptedIn]</c>; null when it has none and is accepted in every state.</summary>
    public StateList? AcceptedIn { get; }

    /// <summary>The states it is accepted in: all of them without <c>[AcceptedIn]</c>, the initial one for a starter.</summary>
    public ulong Accepted { get; }

    /// <summary>The states its <c>[MovesTo]</c> declares (members of the states enum only, as the generator reads them).</summary>
    public ulong Targets { get; }
}
