using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>SGEN0006: a process inside a generic type would itself be an open generic type (see SGEN0003).</summary>
public sealed class GenericContainingTypeAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.GenericContainingType);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        for (INamedTypeSymbol? container = process.ContainingType; container is not null; container = container.ContainingType)
        {
            if (container.Arity > 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.GenericContainingType, Locations.Of(process), process.Name, container.Name));
            }
        }
    }
}
