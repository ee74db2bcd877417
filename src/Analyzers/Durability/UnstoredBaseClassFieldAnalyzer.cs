using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Durability;

/// <summary>
/// SGEN0035: the generated snapshot of a durable process covers the fields the process class declares; an instance
/// field of a base class (an auto-property's backing field included) would lose its value on every reload, silently.
/// </summary>
public sealed class UnstoredBaseClassFieldAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnstoredBaseClassField);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || DurableProcesses.IsDurable(process, types) != true)
        {
            return;
        }

        for (INamedTypeSymbol? baseClass = process.BaseType; baseClass is { SpecialType: not SpecialType.System_Object }; baseClass = baseClass.BaseType)
        {
            foreach (ISymbol member in baseClass.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false, IsConst: false } field && !DurableProcesses.IsTransient(field))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UnstoredBaseClassField,
                        process.Locations.IsEmpty ? Location.None : process.Locations[0],
                        baseClass.Name,
                        process.Name,
                        (field.AssociatedSymbol ?? field).Name));
                }
            }
        }
    }
}
