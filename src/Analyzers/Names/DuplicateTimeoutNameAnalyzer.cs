using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Names;

/// <summary>
/// SGEN0019: each timeout gets the method <c>Schedule{Name}</c> (first letter upper-cased), so
/// <c>"greet"</c> and <c>"Greet"</c> are the same timeout. The generator keeps the first and skips the others.
/// </summary>
public sealed class DuplicateTimeoutNameAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateTimeoutName);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        foreach ((HandlerAttribute handler, HandlerAttribute? first) in ProcessHandlers.NameClaims(ProcessHandlers.Of(process, types), HandlerKind.Timeout))
        {
            if (first is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateTimeoutName,
                    handler.NameLocation(context.CancellationToken),
                    handler.ValidName,
                    handler.Method.Name,
                    handler.TypeName,
                    first.Method.Name));
            }
        }
    }
}
