using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0015: the generator passes the session's token only in the last position; a token anywhere else would
/// have to become a message property, which a token cannot meaningfully be.
/// </summary>
public sealed class MisplacedCancellationTokenAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MisplacedCancellationToken);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method
            || !HandlerRules.HasMisplacedCancellationToken(method)
            || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        for (int i = 0; i < method.Parameters.Length - 1; i++)
        {
            IParameterSymbol parameter = method.Parameters[i];
            if (HandlerRules.IsCancellationToken(parameter.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MisplacedCancellationToken,
                    Locations.Of(parameter, context.CancellationToken),
                    parameter.Name,
                    method.Name));
            }
        }
    }
}
