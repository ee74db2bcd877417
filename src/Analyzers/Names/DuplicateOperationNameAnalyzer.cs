using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Names;

/// <summary>
/// SGEN0018: each operation gets the record <c>Messages.{Name}</c> (first letter upper-cased), so
/// <c>"join"</c> and <c>"Join"</c> are the same operation. The generator keeps the first and skips the others.
/// </summary>
public sealed class DuplicateOperationNameAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateOperationName);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        foreach ((HandlerAttribute handler, HandlerAttribute? first) in ProcessHandlers.NameClaims(ProcessHandlers.Of(process, types), HandlerKind.Operation))
        {
            if (first is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateOperationName,
                    handler.NameLocation(context.CancellationToken),
                    handler.ValidName,
                    handler.Method.Name,
                    handler.TypeName,
                    first.Method.Name));
            }
        }
    }
}
