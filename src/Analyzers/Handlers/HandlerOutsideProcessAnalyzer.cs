using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0009: the generator only reads handlers declared in a <c>[SessionProcess]</c> class itself, so one in any
/// other type (a base class included) never runs.
/// </summary>
public sealed class HandlerOutsideProcessAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.HandlerOutsideProcess);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        // Other method kinds are SGEN0010's, wherever they are declared.
        if (context.Symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, ContainingType: { } type } method
            || types.IsProcess(type))
        {
            return;
        }

        foreach (HandlerAttribute handler in HandlerAttribute.Of(method, types))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.HandlerOutsideProcess,
                handler.AttributeLocation(context.CancellationToken),
                handler.AttributeDisplayName,
                method.Name,
                type.Name));
        }
    }
}
