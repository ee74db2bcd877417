using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Processes;

/// <summary>
/// SGEN0005: the generated part of a nested process re-declares every containing type as <c>partial</c>.
/// The rule runs on the containing type itself, so the diagnostic is local to the code it sits on (the IDE shows
/// it while typing, and the code fix can apply).
/// </summary>
public sealed class ContainingTypeMustBePartialAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContainingTypeMustBePartial);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol container || FindNestedProcess(container, types) is not { } process)
        {
            return;
        }

        foreach (TypeDeclarationSyntax declaration in TypeDeclarations.WithoutPartial(container, context.CancellationToken))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ContainingTypeMustBePartial, declaration.Identifier.GetLocation(), process.Name, container.Name));
        }
    }

    /// <summary>The first process nested in <paramref name="type"/>, at any depth.</summary>
    private static INamedTypeSymbol? FindNestedProcess(INamedTypeSymbol type, SessionGenTypes types)
    {
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            // The generator's own nested types (messages, definition, entries) are no processes and hold none: every
            // type nested in a declaration of theirs is declared in SessionGen's output too.
            if (!GeneratedFiles.IsDeclaredByUser(nested))
            {
                continue;
            }

            if (types.IsProcess(nested))
            {
                return nested;
            }

            if (FindNestedProcess(nested, types) is { } deeper)
            {
                return deeper;
            }
        }

        return null;
    }
}
