using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0014: parameters become properties of a message record that is queued and handled later, so nothing
/// that lives only on the caller's stack can be one: by-ref parameters, pointers and ref structs.
/// Together these are exactly the generator's <c>HandlerRules.HasByRefParameter</c>, minus types that do not bind.
/// </summary>
public sealed class UnsupportedParameterAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.UnsupportedParameter);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol method || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (Describe(parameter) is { } problem)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedParameter,
                    Locations.Of(parameter, context.CancellationToken),
                    parameter.Name,
                    method.Name,
                    problem));
            }
        }
    }

    private static string? Describe(IParameterSymbol parameter) => parameter.RefKind switch
    {
        RefKind.Ref => "a 'ref' parameter",
        RefKind.Out => "an 'out' parameter",
        RefKind.In => "an 'in' parameter",
        RefKind.None => DescribeType(parameter.Type),
        _ => "a 'ref readonly' parameter",
    };

    private static string? DescribeType(ITypeSymbol type)
    {
        // A type that does not bind already has a compiler error; saying more would only add noise.
        if (TypeChecks.ContainsErrorType(type) || !HandlerRules.IsUnsupportedType(type))
        {
            return null;
        }

        return type.IsRefLikeType
            ? $"the ref struct '{type.ToDisplayString()}'"
            : $"the pointer type '{type.ToDisplayString()}'";
    }
}
