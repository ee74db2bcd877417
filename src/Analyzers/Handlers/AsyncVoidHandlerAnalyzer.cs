using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0013: the session's turn lasts until the handler's task completes; an <c>async void</c> handler gives no
/// task, so the next message would run concurrently and its exceptions would crash the process.
/// </summary>
public sealed class AsyncVoidHandlerAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AsyncVoidHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !HandlerRules.IsAsyncVoid(method) || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        // On 'void': that is what the code fix replaces.
        Location location = Locations.DeclarationOf(method, context.CancellationToken)?.ReturnType.GetLocation() ?? Locations.Of(method);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AsyncVoidHandler, location, method.Name));
    }
}
