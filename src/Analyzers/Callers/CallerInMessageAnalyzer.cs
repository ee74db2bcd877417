using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Callers;

/// <summary>
/// SGEN0041: a handler parameter whose type holds a <c>SessionCaller</c> without being one (<c>SessionCaller[]</c>,
/// <c>List&lt;SessionCaller&gt;</c>, <c>SessionCaller</c> in a tuple) is message data: its sender writes it, so it would
/// let anyone claim to be anyone. Only a parameter of type <c>SessionCaller</c> is filled by the transport.
/// </summary>
public sealed class CallerInMessageAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CallerInMessage);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        if (types.SessionCaller is not null)
        {
            context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);
        }
    }

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (!types.IsSessionCaller(parameter.Type) && Holds(parameter.Type, types))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CallerInMessage,
                    Locations.Of(parameter, context.CancellationToken),
                    parameter.Name,
                    method.Name,
                    parameter.Type.ToDisplayString()));
            }
        }
    }

    /// <summary>True when <paramref name="type"/> is a caller, or an array of, or a generic type over, one.</summary>
    private static bool Holds(ITypeSymbol type, SessionGenTypes types) => type switch
    {
        IArrayTypeSymbol array => Holds(array.ElementType, types),
        INamedTypeSymbol { IsGenericType: true } generic => types.IsSessionCaller(type) || AnyHolds(generic.TypeArguments, types),
        _ => types.IsSessionCaller(type),
    };

    private static bool AnyHolds(ImmutableArray<ITypeSymbol> types, SessionGenTypes sessionGen)
    {
        foreach (ITypeSymbol type in types)
        {
            if (Holds(type, sessionGen))
            {
                return true;
            }
        }

        return false;
    }
}
