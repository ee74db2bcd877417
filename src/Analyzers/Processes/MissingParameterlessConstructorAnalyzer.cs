using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0007: the generated factory calls a parameterless constructor, or one whose parameters it takes from the
/// host's services; a process with neither cannot be created, so every start would throw.
/// </summary>
public sealed class MissingParameterlessConstructorAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MissingParameterlessConstructor);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        // A static class has no instances at all: SGEN0002 says so.
        if (context.Symbol is not INamedTypeSymbol { IsStatic: false } process || !types.IsProcess(process))
        {
            return;
        }

        // Mirrors the generator: a parameterless constructor, or one whose parameters the host's services fill.
        foreach (IMethodSymbol constructor in process.InstanceConstructors)
        {
            if (constructor.Parameters.All(HandlerRules.IsInjectableParameter))
            {
                return;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingParameterlessConstructor, Locations.Of(process), process.Name));
    }
}
