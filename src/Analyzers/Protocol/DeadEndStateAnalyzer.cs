using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Protocol;

/// <summary>
/// SGEN0027: a reachable state that is not <c>[FinalState]</c> and that no handler accepted in it declares a move out
/// of. Unreachable states are SGEN0025's; a move to the same state is no way out.
/// </summary>
public sealed class DeadEndStateAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DeadEndState);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process)
            || ProtocolGraph.Of(process, types) is not { } graph)
        {
            return;
        }

        for (int state = 0; state < graph.States.Count; state++)
        {
            if (graph.IsReachable(state) && !graph.States.IsFinal(state) && !graph.HasWayOut(state))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DeadEndState,
                    graph.States.LocationOf(state, process, context.Compilation),
                    graph.States.Members[state].Name,
                    process.Name));
            }
        }
    }
}
