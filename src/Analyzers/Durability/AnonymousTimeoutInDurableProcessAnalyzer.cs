using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Durability;

/// <summary>
/// SGEN0033: the generated <c>After(TimeSpan, Action)</c> of a durable process. Its callback is a closure, which a
/// stored session cannot hold; a named timeout (<c>[OnTimeout]</c> and <c>Schedule{Name}</c>) stores its arguments.
/// </summary>
public sealed class AnonymousTimeoutInDurableProcessAnalyzer : SessionGenAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.AnonymousTimeoutInDurableProcess);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterOperationAction(operationContext => Analyze(operationContext, types), OperationKind.Invocation, OperationKind.MethodReference);

    private static void Analyze(OperationAnalysisContext context, SessionGenTypes types)
    {
        IMethodSymbol? method = context.Operation switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IMethodReferenceOperation reference => reference.Method,
            _ => null,
        };

        // Only the generated After: a user's own method of that name (the generator then leaves its After out) is theirs.
        if (method is not { Name: "After", IsStatic: false, ContainingType: { } process }
            || GeneratedFiles.IsDeclaredByUser(method)
            || DurableProcesses.IsDurable(process, types) != true)
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AnonymousTimeoutInDurableProcess, context.Operation.Syntax.GetLocation(), process.Name));
    }
}
