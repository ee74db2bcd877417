using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Names;

/// <summary>
/// SGEN0017: operation and timeout names become C# names (<c>Messages.{Name}</c>, <c>{Name}Async</c>,
/// <c>Schedule{Name}</c>), so they must be identifiers that are not keywords (<c>HandlerRules.IsValidName</c>).
/// </summary>
public sealed class InvalidNameAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidName);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        foreach (HandlerAttribute handler in HandlerAttribute.Of(method, types))
        {
            if (!handler.IsBound || handler.ValidName is not null)
            {
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InvalidName,
                handler.NameLocation(context.CancellationToken),
                handler.NameDisplayKind,
                handler.RawName is { } name ? SymbolDisplay.FormatLiteral(name, quote: true) : "null",
                handler.Kind == HandlerKind.Operation ? "message record" : "Schedule method"));
        }
    }
}
