using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Handlers;

/// <summary>
/// SGEN0023 (warning): a session handles one message at a time, so a handler that blocks its thread on a task
/// or sleeps holds up every later message and timeout of that session (and a thread-pool thread besides).
/// Only the handler's own body is checked: a lambda or local function inside it may run anywhere, later.
/// </summary>
public sealed class BlockingCallAnalyzer : SessionGenAnalyzer
{
    private const string AwaitInstead = "make the handler async and await it instead";
    private const string DelayInstead = "schedule the rest with After or an [OnTimeout] handler, or await Task.Delay";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.BlockingCallInHandler);

    internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types) =>
        context.RegisterOperationBlockStartAction(blockContext =>
        {
            if (blockContext.OwningSymbol is IMethodSymbol handler && ProcessHandlers.IsProcessHandler(handler, types))
            {
                blockContext.RegisterOperationAction(
                    operationContext => Analyze(operationContext, handler),
                    OperationKind.Invocation,
                    OperationKind.PropertyReference);
            }
        });

    private static void Analyze(OperationAnalysisContext context, IMethodSymbol handler)
    {
        (ISymbol Member, string Advice)? blocking = context.Operation switch
        {
            IPropertyReferenceOperation { Property: var property } when IsTaskResult(property) => (property, AwaitInstead),
            IInvocationOperation { TargetMethod: var method } when IsTaskWait(method) || IsAwaiterGetResult(method) => (method, AwaitInstead),
            IInvocationOperation { TargetMethod: var method } when IsThreadSleep(method) => (method, DelayInstead),
            _ => null,
        };

        if (blocking is { } found && !IsInNestedFunction(context.Operation))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BlockingCallInHandler,
                context.Operation.Syntax.GetLocation(),
                $"{found.Member.ContainingType.Name}.{found.Member.Name}",
                handler.Name,
                found.Advice));
        }
    }

    private static bool IsTaskResult(IPropertySymbol property) =>
        property.Name == "Result" && IsInNamespace(property.ContainingType, "System", "Threading", "Tasks")
        && property.ContainingType.Name is "Task" or "ValueTask";

    private static bool IsTaskWait(IMethodSymbol method) =>
        method.Name is "Wait" or "WaitAll" or "WaitAny"
        && method.ContainingType.Name == "Task"
        && IsInNamespace(method.ContainingType, "System", "Threading", "Tasks");

    /// <summary><c>GetAwaiter().GetResult()</c> on any task awaiter (plain, generic, configured, ValueTask).</summary>
    private static bool IsAwaiterGetResult(IMethodSymbol method) =>
        method.Name == "GetResult"
        && method.ContainingType.Name.EndsWith("Awaiter", System.StringComparison.Ordinal)
        && IsInNamespace(method.ContainingType, "System", "Runtime", "CompilerServices");

    private static bool IsThreadSleep(IMethodSymbol method) =>
        method.Name == "Sleep" && method.ContainingType.Name == "Thread" && IsInNamespace(method.ContainingType, "System", "Threading");

    private static bool IsInNestedFunction(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInNamespace(ISymbol symbol, params string[] names)
    {
        INamespaceSymbol? current = symbol.ContainingNamespace;
        for (int i = names.Length - 1; i >= 0; i--)
        {
            if (current is null || current.Name != names[i])
            {
                return false;
            }

            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}
