using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0008: without a starter no <c>StartAsync</c> is generated and no session can begin. Any
/// <c>[On(..., StartsSession = true)]</c> counts, even an invalid one: its own diagnostic explains what to fix.
/// </summary>
public sealed class MissingStarterAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingStarter);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        foreach (HandlerAttribute handler in ProcessHandlers.Of(process, types))
        {
            if (handler.Kind == HandlerKind.Operation && handler.StartsSession)
            {
                return;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingStarter, Locations.Of(process), process.Name));
    }
}
