using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Names;

/// <summary>
/// SGEN0020: every starter gets a <c>StartAsync(host, parameters…)</c> overload, so two starters with the same
/// parameter types (a trailing CancellationToken aside) would declare the same method twice.
/// </summary>
public sealed class DuplicateStarterSignatureAnalyzer : SessionGenAnalyzer
{
    /// <summary>How C# tells overloads apart: nullable reference annotations do not count.</summary>
    private static readonly SymbolDisplayFormat SignatureFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateStarterSignature);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        // Only the starters the generator keeps: named, first of their name, and accepted as handlers.
        var bySignature = new Dictionary<string, IMethodSymbol>();
        foreach ((HandlerAttribute handler, HandlerAttribute? first) in ProcessHandlers.NameClaims(ProcessHandlers.Of(process, types), HandlerKind.Operation))
        {
            if (first is not null || !handler.StartsSession || !HandlerShape.IsAccepted(handler.Method, handler.TypeName))
            {
                continue;
            }

            ImmutableArray<IParameterSymbol> parameters = HandlerShape.MessageParameters(handler.Method);
            IMethodSymbol? earlier = null;
            foreach (string signature in new[] { GeneratorSignature(parameters), CSharpSignature(parameters) })
            {
                if (earlier is null && bySignature.TryGetValue(signature, out IMethodSymbol? match))
                {
                    earlier = match;
                }
            }

            if (earlier is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateStarterSignature, Locations.Of(handler.Method), handler.Method.Name, earlier.Name));
                continue;
            }

            bySignature[GeneratorSignature(parameters)] = handler.Method;
            bySignature[CSharpSignature(parameters)] = handler.Method;
        }
    }

    /// <summary>The key the generator de-duplicates starters by (<c>ProcessParser.DistinctStarters</c>).</summary>
    private static string GeneratorSignature(ImmutableArray<IParameterSymbol> parameters) =>
        "generator:" + string.Join(",", parameters.Select(static parameter => TypeNames.Of(parameter.Type).TrimEnd('?')));

    /// <summary>The key the C# compiler compares overloads by.</summary>
    private static string CSharpSignature(ImmutableArray<IParameterSymbol> parameters) =>
        "csharp:" + string.Join(",", parameters.Select(static parameter => parameter.Type.ToDisplayString(SignatureFormat)));
}
