using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0024: a <c>file</c> type is visible in its own file only, and all its partial declarations must be there,
/// but the generated part of a process is a file of its own.
/// </summary>
public sealed class FileLocalProcessAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.FileLocalProcess);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        // Only the outermost type can be declared 'file'; a nested process inherits it from there.
        INamedTypeSymbol outermost = process;
        while (outermost.ContainingType is { } container)
        {
            outermost = container;
        }

        if (outermost.IsFileLocal)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.FileLocalProcess, Locations.Of(process), process.Name, outermost.Name));
        }
    }
}
