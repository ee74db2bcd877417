using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Protocol;

/// <summary>
/// SGEN0026: a handler whose <c>[AcceptedIn]</c> names only states the session never reaches, or final states, which
/// end the session as soon as it reaches them. Starters are left out
/// (they run in the initial state), and so is an <c>[AcceptedIn]</c> that names something that is not a state
/// (SGEN0028 says what to fix first).
/// </summary>
public sealed class HandlerNeverAcceptedAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.HandlerNeverAccepted);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process)
            || ProtocolGraph.Of(process, types) is not { } graph)
        {
            return;
        }

        ulong live = graph.Live;
        foreach (ProtocolHandler handler in graph.Handlers)
        {
            if (!handler.IsStarter && handler.AcceptedIn is { } acceptedIn
                && (handler.Accepted & live) == 0
                && Names(acceptedIn, graph.States) is { } names)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.HandlerNeverAccepted,
                    Locations.Of(handler.Method),
                    handler.Method.Name,
                    Describe(names)));
            }
        }
    }

    /// <summary>The states the list names, each once; null when it names something that is not a state.</summary>
    private static List<string>? Names(StateList acceptedIn, ProtocolStates states)
    {
        var names = new List<string>();
        foreach (TypedConstant argument in acceptedIn.Arguments)
        {
            int state = states.IndexOf(argument);
            if (state < 0)
            {
                return null;
            }

            if (!names.Contains(states.Members[state].Name))
            {
                names.Add(states.Members[state].Name);
            }
        }

        return names;
    }

    private static string Describe(List<string> names) => names.Count switch
    {
        0 => "no state at all (its [AcceptedIn] is empty)",
        1 => $"state '{names[0]}'",
        _ => $"states '{string.Join("', '", names.GetRange(0, names.Count - 1))}' and '{names[names.Count - 1]}'",
    };
}
