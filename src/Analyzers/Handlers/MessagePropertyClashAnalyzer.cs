using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0021: each parameter becomes a PascalCase property of the message record, so <c>name</c> and <c>Name</c>
/// (or <c>join</c> and <c>joinValue</c> in operation <c>Join</c>, where <c>join</c> becomes <c>JoinValue</c>) would
/// be the same property; the generator skips such a handler.
/// </summary>
public sealed class MessagePropertyClashAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.MessagePropertyClash);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        // A method with both [On] and [OnTimeout] is checked once per attribute; report each clash once.
        var reported = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (HandlerAttribute handler in HandlerAttribute.Of(method, types))
        {
            if (handler.ValidName is null)
            {
                continue; // the generator never reads the parameters of a handler it cannot name (SGEN0017)
            }

            string? recordName = handler.Kind == HandlerKind.Operation ? handler.TypeName : null;
            if (HandlerShape.FirstPropertyClash(method, recordName) is { } clash && reported.Add(clash.Parameter))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MessagePropertyClash,
                    Locations.Of((ISymbol)clash.Parameter),
                    clash.Earlier.Name,
                    clash.Parameter.Name,
                    method.Name,
                    clash.Property));
            }
        }
    }
}
