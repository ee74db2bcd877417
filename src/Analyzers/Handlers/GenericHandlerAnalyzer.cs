using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Handlers;

/// <summary>SGEN0012: a message record needs concrete types; nothing would supply a handler's type arguments.</summary>
public sealed class GenericHandlerAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.GenericHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol { IsGenericMethod: true } method || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        Location location = Locations.DeclarationOf(method, context.CancellationToken)?.TypeParameterList?.GetLocation()
            ?? Locations.Of(method);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GenericHandler, location, method.Name));
    }
}
