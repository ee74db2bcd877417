using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0016: a handler's result travels back to the client in a <c>ValueTask&lt;T&gt;</c>, so it cannot be a
/// by-ref return, a pointer or a ref struct (also not wrapped in a task). Async void is SGEN0013's.
/// </summary>
public sealed class UnsupportedReturnTypeAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedReturnType);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method
            || HandlerRules.IsAsyncVoid(method)
            || TypeChecks.ContainsErrorType(method.ReturnType)
            || HandlerRules.ClassifyReturn(method, out _) is not null
            || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        string returned = method.ReturnType.ToDisplayString();
        if (method.ReturnsByRefReadonly)
        {
            returned = "ref readonly " + returned;
        }
        else if (method.ReturnsByRef)
        {
            returned = "ref " + returned;
        }

        Location location = Locations.DeclarationOf(method, context.CancellationToken)?.ReturnType.GetLocation() ?? Locations.Of(method);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedReturnType, location, method.Name, returned));
    }
}
