using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>
/// The SessionGen attribute types of one compilation, resolved by metadata name. Null when the compilation
/// does not reference SessionGen, in which case no rule has anything to say.
/// </summary>
internal sealed class SessionGenTypes
{
    // Symbols belong to one compilation, whose SessionProcess attribute is the one compared with: an answer never
    // outlives the compilation it is about.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, object> ProcessTypes = new();
    private static readonly object Yes = new();
    private static readonly object No = new();

    // A compilation's answer, null included, for as long as the compilation lives.
    private static readonly ConditionalWeakTable<Compilation, Resolution> ResolvedTypes = new();

    private SessionGenTypes(INamedTypeSymbol sessionProcess, INamedTypeSymbol on, INamedTypeSymbol onTimeout)
    {
        SessionProcess = sessionProcess;
        On = on;
        OnTimeout = onTimeout;
    }

    public INamedTypeSymbol SessionProcess { get; }

    public INamedTypeSymbol On { get; }

    public INamedTypeSymbol OnTimeout { get; }

    /// <summary><c>[AcceptedIn]</c>; null when the referenced SessionGen predates protocol states.</summary>
    public INamedTypeSymbol? AcceptedIn { get; private set; }

    /// <summary><c>[MovesTo]</c>; null when the referenced SessionGen predates protocol states.</summary>
    public INamedTypeSymbol? MovesTo { get; private set; }

    /// <summary><c>[OnFault]</c>; null when the referenced SessionGen predates it.</summary>
    public INamedTypeSymbol? OnFault { get; private set; }

    /// <summary><c>[OnIdle]</c>; null when the referenced SessionGen predates it.</summary>
    public INamedTypeSymbol? OnIdle { get; private set; }

    /// <summary><c>[OnParticipantLeft]</c>; null when the referenced SessionGen predates it.</summary>
    public INamedTypeSymbol? OnParticipantLeft { get; private set; }

    /// <summary><c>SessionCaller</c>; null when the referenced SessionGen predates it.</summary>
    public INamedTypeSymbol? SessionCaller { get; private set; }

    /// <summary>
    /// The SessionGen types of <paramref name="compilation"/>, resolved once and shared by every rule (issue 16: forty
    /// rules each looked the same nine names up in every reference at the start of every compilation).
    /// </summary>
    public static SessionGenTypes? Of(Compilation compilation) =>
        ResolvedTypes.GetValue(compilation, static compilation => new Resolution(Resolve(compilation))).Types;

    private static SessionGenTypes? Resolve(Compilation compilation) =>
        compilation.GetTypeByMetadataName(KnownNames.SessionProcessAttribute) is { } sessionProcess
        && compilation.GetTypeByMetadataName(KnownNames.OnAttribute) is { } on
        && compilation.GetTypeByMetadataName(KnownNames.OnTimeoutAttribute) is { } onTimeout
            ? new SessionGenTypes(sessionProcess, on, onTimeout)
            {
                AcceptedIn = compilation.GetTypeByMetadataName(KnownNames.AcceptedInAttribute),
                MovesTo = compilation.GetTypeByMetadataName(KnownNames.MovesToAttribute),
                OnFault = compilation.GetTypeByMetadataName(KnownNames.OnFaultAttribute),
                OnIdle = compilation.GetTypeByMetadataName(KnownNames.OnIdleAttribute),
                OnParticipantLeft = compilation.GetTypeByMetadataName(KnownNames.OnParticipantLeftAttribute),
                SessionCaller = compilation.GetTypeByMetadataName(KnownNames.SessionCaller),
            }
            : null;

    /// <summary>
    /// True when <paramref name="type"/> carries <c>[SessionProcess]</c>. Most rules ask it of every type; the answer is
    /// worked out once per type and shared by all of them.
    /// </summary>
    public bool IsProcess(INamedTypeSymbol type)
    {
        if (ProcessTypes.TryGetValue(type, out object? known))
        {
            return known == Yes;
        }

        bool isProcess = CarriesSessionProcess(type);
        return ProcessTypes.GetValue(type, _ => isProcess ? Yes : No) == Yes;
    }

    private bool CarriesSessionProcess(INamedTypeSymbol type)
    {
        if (!DeclaredAttributes.MayHaveAny(type))
        {
            return false;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, SessionProcess))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="method"/> carries <c>[On]</c> or <c>[OnTimeout]</c>.</summary>
    public bool IsMarkedHandler(IMethodSymbol method)
    {
        if (!DeclaredAttributes.MayHaveAny(method))
        {
            return false;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (KindOf(attribute) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The attribute's name when it is <c>[OnFault]</c>, <c>[OnIdle]</c> or <c>[OnParticipantLeft]</c>, else null.</summary>
    public string? LifecycleAttributeName(AttributeData attribute) =>
        OnFault is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, OnFault) ? "[OnFault]"
        : OnIdle is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, OnIdle) ? "[OnIdle]"
        : OnParticipantLeft is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, OnParticipantLeft) ? "[OnParticipantLeft]"
        : null;

    /// <summary>True when <paramref name="type"/> is <c>SessionCaller</c> (annotated or not).</summary>
    public bool IsSessionCaller(ITypeSymbol type) =>
        SessionCaller is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, SessionCaller);

    public HandlerKind? KindOf(AttributeData attribute) =>
        SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, On) ? HandlerKind.Operation
        : SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, OnTimeout) ? HandlerKind.Timeout
        : null;

    private sealed class Resolution(SessionGenTypes? types)
    {
        public SessionGenTypes? Types { get; } = types;
    }
}
