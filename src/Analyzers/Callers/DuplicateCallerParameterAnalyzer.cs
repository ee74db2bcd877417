using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Callers;

/// <summary>SGEN0037: a message has one caller, so a handler takes at most one <c>SessionCaller</c> parameter.</summary>
public sealed class DuplicateCallerParameterAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateCallerParameter);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        if (types.SessionCaller is not null)
        {
            context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);
        }
    }

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !CallerParameters.IsMessageHandler(method, types))
        {
            return;
        }

        IParameterSymbol? first = null;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (!types.IsSessionCaller(parameter.Type))
            {
                continue;
            }

            if (first is null)
            {
                first = parameter;
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DuplicateCallerParameter,
                Locations.Of(parameter, context.CancellationToken),
                method.Name,
                first.Name,
                parameter.Name));
        }
    }
}
