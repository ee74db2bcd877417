using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>SGEN0005: the generated part of a nested process re-declares every containing type as <c>partial</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContainingTypeMustBePartialAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContainingTypeMustBePartial);

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
            foreach (TypeDeclarationSyntax declaration in TypeDeclarations.WithoutPartial(container, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContainingTypeMustBePartial, declaration.Identifier.GetLocation(), process.Name, container.Name));
            }
        }
    }
}
