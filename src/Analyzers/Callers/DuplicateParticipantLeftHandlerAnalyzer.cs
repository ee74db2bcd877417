using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Callers;

/// <summary>SGEN0040: the generator calls the first <c>[OnParticipantLeft]</c> method of a process; any other is never called.</summary>
public sealed class DuplicateParticipantLeftHandlerAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.DuplicateParticipantLeftHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        if (types.OnParticipantLeft is not null)
        {
            context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.NamedType);
        }
    }

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        if (context.Symbol is not INamedTypeSymbol process || !types.IsProcess(process))
        {
            return;
        }

        IMethodSymbol? first = null;
        foreach (ISymbol member in process.GetMembers())
        {
            if (member is not IMethodSymbol method || !InvalidParticipantLeftHandlerAnalyzer.HasAttribute(method, types.OnParticipantLeft!))
            {
                continue;
            }

            if (first is null)
            {
                first = method;
                continue;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.DuplicateParticipantLeftHandler, Locations.Of(method), process.Name, first.Name, method.Name));
        }
    }
}
