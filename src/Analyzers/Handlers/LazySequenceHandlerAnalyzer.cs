using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0029: a session runs one handler at a time, and the turn ends when the handler returns. An iterator's body,
/// or an async stream's, runs only when its result is enumerated: for an operation that is the caller, after the
/// turn and alongside the session's next messages; for a timeout, <c>[OnFault]</c> or <c>[OnIdle]</c> method nobody
/// enumerates it, so it never runs. The generator leaves such handlers out (the same <c>HandlerRules</c> check).
/// </summary>
public sealed class LazySequenceHandlerAnalyzer : SessionGenAnalyzer
{
    private const string OperationAdvice = "return a materialized collection (List<T>, T[]) instead";

    // A timeout's result is dropped and lifecycle methods return no result: there is nothing to materialize.
    private const string NoResultAdvice = "do the work in the handler and return void, Task or ValueTask";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.LazySequenceHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterSymbolAction(symbolContext => Analyze(symbolContext, types), SymbolKind.Method);

    private static void Analyze(SymbolAnalysisContext context, SessionGenTypes types)
    {
        // The cheap questions first (issue 16): most methods are no handler of a process, and for those neither the
        // signature nor the body needs to be looked at.
        if (context.Symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method
            || Advice(method, types) is not { } advice
            || TypeChecks.ContainsErrorType(method.ReturnType)
            || !HandlerRules.ReturnsLazySequence(method))
        {
            return;
        }

        string what = HandlerRules.IsIterator(method)
            ? "is an iterator (it uses yield)"
            : $"returns the async stream '{ResultType(method).ToDisplayString()}'";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LazySequenceHandler, Locations.Of(method), method.Name, what, advice));
    }

    /// <summary>What to do instead, by the handler's kind; null when the method is no handler of a process.</summary>
    private static string? Advice(IMethodSymbol method, SessionGenTypes types)
    {
        if (method.ContainingType is not { } process || !DeclaredAttributes.MayHaveAny(method) || !types.IsProcess(process))
        {
            return null;
        }

        string? advice = null;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (types.KindOf(attribute) == HandlerKind.Operation)
            {
                return OperationAdvice; // an operation's caller receives the result: the advice that fits it wins
            }

            if (types.KindOf(attribute) == HandlerKind.Timeout || types.LifecycleAttributeName(attribute) is not null)
            {
                advice = NoResultAdvice;
            }
        }

        return advice;
    }

    private static ITypeSymbol ResultType(IMethodSymbol method)
    {
        HandlerRules.ClassifyReturn(method, out ITypeSymbol? resultType);
        return resultType ?? method.ReturnType;
    }
}
