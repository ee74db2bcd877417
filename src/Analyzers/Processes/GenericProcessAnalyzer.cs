using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0003: a generic process is not supported. The runtime needs one closed process type per protocol name,
/// and nothing would say which type arguments to close it with.
/// </summary>
public sealed class GenericProcessAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.GenericProcess);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        // Arity, not IsGenericType: IsGenericType is also true inside a generic container, which is SGEN0006.
        if (context.Symbol is INamedTypeSymbol { Arity: > 0 } process && types.IsProcess(process))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GenericProcess, Locations.Of(process), process.Name));
        }
    }
}
