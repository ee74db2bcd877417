using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Durability;

/// <summary>SGEN0032: <c>[Transient]</c> (or <c>[field: Transient]</c>) in a process that is not durable changes nothing.</summary>
public sealed class TransientOutsideDurableProcessAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.TransientOutsideDurableProcess);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || DurableProcesses.IsDurable(process, types) != false)
        {
            return;
        }

        foreach (ISymbol member in process.GetMembers())
        {
            if (member is not IFieldSymbol field)
            {
                continue;
            }

            foreach (AttributeData attribute in field.GetAttributes())
            {
                if (Generator.Parsing.KnownNames.Is(attribute.AttributeClass, Generator.Parsing.KnownNames.TransientAttribute)
                    && attribute.ApplicationSyntaxReference is { } reference)
                {
                    string name = (field.AssociatedSymbol ?? field).Name;
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.TransientOutsideDurableProcess,
                        reference.GetSyntax(context.CancellationToken).GetLocation(),
                        name,
                        process.Name));
                }
            }
        }
    }
}
