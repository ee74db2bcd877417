using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Protocol;

/// <summary>
/// SGEN0025: a member of the process's states enum that no declared transition leads to from the initial state. An
/// alias (a member with an earlier member's value) is that earlier state, so it is not reported on its own.
/// </summary>
public sealed class UnreachableStateAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnreachableState);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process)
            || ProtocolGraph.Of(process, types) is not { } graph)
        {
            return;
        }

        for (int state = 1; state < graph.States.Count; state++)
        {
            if (!graph.IsReachable(state) && !graph.States.IsAlias(state))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnreachableState,
                    graph.States.LocationOf(state, process, context.Compilation),
                    graph.States.Members[state].Name,
                    process.Name));
            }
        }
    }
}
