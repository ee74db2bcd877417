using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>SGEN0002: the runtime creates one instance per session, which a static or abstract class cannot give.</summary>
public sealed class ProcessMustBeInstantiableAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ProcessMustBeInstantiable);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        string? modifier = process.IsStatic ? "static" : process.IsAbstract ? "abstract" : null;
        if (modifier is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ProcessMustBeInstantiable, Locations.Of(process), process.Name, modifier));
        }
    }
}
