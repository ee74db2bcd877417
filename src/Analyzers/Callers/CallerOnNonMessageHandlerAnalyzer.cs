using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Callers;

/// <summary>
/// SGEN0038: only <c>[On]</c> handlers receive a caller. <c>[OnTimeout]</c>, <c>[OnIdle]</c>, <c>[OnFault]</c> and
/// <c>[OnParticipantLeft]</c> methods run for the session's own events, which nobody sends.
/// </summary>
public sealed class CallerOnNonMessageHandlerAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CallerOnNonMessageHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        if (types.SessionCaller is not null)
        {
            context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);
        }
    }

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || CallerParameters.IsMessageHandler(method, types) || NotMessageHandler(method, types) is not { } kind)
        {
            return;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (types.IsSessionCaller(parameter.Type))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CallerOnNonMessageHandler,
                    Locations.Of(parameter, context.CancellationToken),
                    kind,
                    method.Name,
                    parameter.Name));
            }
        }
    }

    /// <summary>The attribute that makes <paramref name="method"/> a handler of something other than a message, or null.</summary>
    private static string? NotMessageHandler(IMethodSymbol method, SessionGenTypes types)
    {
        if (!DeclaredAttributes.MayHaveAny(method))
        {
            return null;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (types.KindOf(attribute) == HandlerKind.Timeout)
            {
                return "The [OnTimeout]";
            }

            if (types.LifecycleAttributeName(attribute) is { } lifecycle)
            {
                return "The " + lifecycle;
            }
        }

        return null;
    }
}
