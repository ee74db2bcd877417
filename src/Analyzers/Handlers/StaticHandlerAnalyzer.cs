using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Handlers;

/// <summary>SGEN0011: a handler reads and writes its session's fields, so it must be an instance method.</summary>
public sealed class StaticHandlerAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.StaticHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not IMethodSymbol { IsStatic: true } method || !ProcessHandlers.IsProcessHandler(method, types))
        {
            return;
        }

        // On the 'static' keyword itself: that is what the code fix removes.
        MethodDeclarationSyntax? declaration = Locations.DeclarationOf(method, context.CancellationToken);
        int index = declaration?.Modifiers.IndexOf(SyntaxKind.StaticKeyword) ?? -1;
        Location location = index >= 0 ? declaration!.Modifiers[index].GetLocation() : Locations.Of(method);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StaticHandler, location, method.Name));
    }
}
