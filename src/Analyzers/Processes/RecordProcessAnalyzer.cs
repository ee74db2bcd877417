using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0004: the generator only reads <c>class</c> declarations, so a <c>record</c> process is silently skipped;
/// record equality would also make no sense for an object that lives as one session.
/// </summary>
public sealed class RecordProcessAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.RecordProcess);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is INamedTypeSymbol { IsRecord: true } process && types.IsProcess(process))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RecordProcess, Locations.Of(process), process.Name));
        }
    }
}
