using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0007: the generated factory calls <c>new P()</c>; without such a constructor it throws at every start.
/// A constructor whose parameters are all optional does not count, exactly as in the generator.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
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

        foreach (IMethodSymbol constructor in process.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0)
            {
                return;
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.MissingParameterlessConstructor, Locations.Of(process), process.Name));
    }
}
