using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0010: <c>[On]</c> and <c>[OnTimeout]</c> may syntactically sit on accessors, operators, finalizers, local
/// functions and lambdas, but the generator only turns ordinary methods into handlers.
/// </summary>
public sealed class HandlerMustBeOrdinaryMethodAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.HandlerMustBeOrdinaryMethod);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
    {
        context.RegisterSymbolAction(symbolContext => AnalyzeMember(symbolContext, types), SymbolKind.Method, SymbolKind.Property, SymbolKind.Event);
        context.RegisterOperationAction(
            operationContext => AnalyzeNested(operationContext, types),
            OperationKind.LocalFunction,
            OperationKind.AnonymousFunction);
    }

    private static void AnalyzeMember(SymbolAnalysisContext context, SessionGenTypes types)
    {
        switch (context.Symbol)
        {
            case IMethodSymbol method when !IsOrdinaryOrAccessor(method.MethodKind):
                Report(method, types, context.ReportDiagnostic, context.CancellationToken);
                break;

            // Accessors are not always handed to method actions on their own, so they are reached from their owner.
            case IPropertySymbol property:
                Report(property.GetMethod, types, context.ReportDiagnostic, context.CancellationToken);
                Report(property.SetMethod, types, context.ReportDiagnostic, context.CancellationToken);
                break;
            case IEventSymbol @event:
                Report(@event.AddMethod, types, context.ReportDiagnostic, context.CancellationToken);
                Report(@event.RemoveMethod, types, context.ReportDiagnostic, context.CancellationToken);
                break;
        }
    }

    private static void AnalyzeNested(OperationAnalysisContext context, SessionGenTypes types)
    {
        IMethodSymbol? method = context.Operation switch
        {
            ILocalFunctionOperation localFunction => localFunction.Symbol,
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            _ => null,
        };
        Report(method, types, context.ReportDiagnostic, context.CancellationToken);
    }

    private static void Report(IMethodSymbol? method, SessionGenTypes types, Action<Diagnostic> report, CancellationToken cancellationToken)
    {
        if (method is null)
        {
            return;
        }

        foreach (HandlerAttribute handler in HandlerAttribute.Of(method, types))
        {
            report(Diagnostic.Create(
                DiagnosticDescriptors.HandlerMustBeOrdinaryMethod,
                handler.AttributeLocation(cancellationToken),
                handler.AttributeDisplayName,
                Display(method)));
        }
    }

    private static bool IsOrdinaryOrAccessor(MethodKind kind) =>
        kind is MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove;

    private static string Display(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.AnonymousFunction => "lambda expression",
        MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove
            => method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
        _ => method.Name,
    };
}
