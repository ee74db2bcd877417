using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// The handler rules of the public contract, as predicates over symbols. The generator skips what breaks
/// them; the analyzers report it.
/// </summary>
internal static class HandlerRules
{
    /// <summary>An operation or timeout name must be a C# identifier that is not a keyword.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name!) == SyntaxKind.None;

    public static bool IsCancellationToken(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>True for <c>SessionGen.SessionCaller</c> (annotated or not): the parameter type that receives the message's caller.</summary>
    public static bool IsSessionCaller(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "SessionCaller", ContainingNamespace: { Name: "SessionGen", ContainingNamespace.IsGlobalNamespace: true } };

    public static bool IsAsyncVoid(IMethodSymbol method) => method.IsAsync && method.ReturnsVoid;

    public static bool HasByRefParameter(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || IsUnsupportedType(parameter.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a <c>CancellationToken</c> parameter stands anywhere but last.</summary>
    public static bool HasMisplacedCancellationToken(IMethodSymbol method)
    {
        for (int i = 0; i < method.Parameters.Length - 1; i++)
        {
            if (IsCancellationToken(method.Parameters[i].Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Classifies the return type; null when it is not one the contract allows.</summary>
    public static ReturnKind? ClassifyReturn(IMethodSymbol method, out ITypeSymbol? resultType)
    {
        resultType = null;
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            return null;
        }

        return ClassifyReturn(method.ReturnsVoid ? null : method.ReturnType, method.IsAsync, out resultType);
    }

    /// <summary>Classifies a return type (null for <c>void</c>) that is not by-ref; null when it is not one the contract allows.</summary>
    public static ReturnKind? ClassifyReturn(ITypeSymbol? returnType, bool isAsync, out ITypeSymbol? resultType)
    {
        resultType = null;
        if (returnType is null)
        {
            return isAsync ? null : ReturnKind.Void;
        }

        if (IsUnsupportedType(returnType))
        {
            return null;
        }

        if (returnType is INamedTypeSymbol named && IsInSystemThreadingTasks(named))
        {
            switch (named.MetadataName)
            {
                case "Task":
                    return ReturnKind.Task;
                case "ValueTask":
                    return ReturnKind.ValueTask;
                case "Task`1":
                    resultType = named.TypeArguments[0];
                    return IsUnsupportedType(resultType) ? null : ReturnKind.TaskOfT;
                case "ValueTask`1":
                    resultType = named.TypeArguments[0];
                    return IsUnsupportedType(resultType) ? null : ReturnKind.ValueTaskOfT;
            }
        }

        resultType = returnType;
        return ReturnKind.Value;
    }

    /// <summary>
    /// True when some of the handler's code would run only when its result is enumerated, after its turn: the method
    /// is an iterator (<c>yield</c>, whatever it returns), or its result, also inside <c>Task&lt;T&gt;</c> or
    /// <c>ValueTask&lt;T&gt;</c>, is an async stream (<c>IAsyncEnumerable&lt;T&gt;</c>, <c>IAsyncEnumerator&lt;T&gt;</c>),
    /// which is lazy by nature. A collection returned as <c>IEnumerable&lt;T&gt;</c> without <c>yield</c> is not: the
    /// rule cannot tell a materialized one from a deferred query, and a list is the advice.
    /// </summary>
    public static bool ReturnsLazySequence(IMethodSymbol method) =>
        IsIterator(method) || (ClassifyReturn(method, out ITypeSymbol? resultType) is not null && resultType is not null && IsAsyncStream(resultType));

    /// <summary>
    /// Whether the method's body uses <c>yield</c> (for a partial method: its implementation's body). A <c>yield</c>
    /// in a local function or a lambda does not count: that one is an iterator of its own, enumerated by the handler.
    /// Read from syntax because Roslyn keeps <c>IsIterator</c> internal.
    /// </summary>
    public static bool IsIterator(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is MethodDeclarationSyntax declaration && IsIterator(declaration))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the declaration's body uses <c>yield</c> (not counting local functions and lambdas).</summary>
    public static bool IsIterator(MethodDeclarationSyntax declaration)
    {
        if (declaration.Body is not { } body)
        {
            return false;
        }

        // A yield statement stands among statements, never inside an expression: the walk does not go into
        // expressions (most of a body, lambdas included) nor local functions (issue 16: it visited every node).
        foreach (SyntaxNode node in body.DescendantNodes(static node => node is not (ExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is YieldStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c> or <c>IAsyncEnumerator&lt;T&gt;</c> of <c>System.Collections.Generic</c>.</summary>
    public static bool IsAsyncStream(ITypeSymbol type) =>
        type is INamedTypeSymbol { MetadataName: "IAsyncEnumerable`1" or "IAsyncEnumerator`1" } named
        && named.ContainingNamespace is { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// Whether the generated factory can fill a constructor parameter from the host's services: passed by value,
    /// not <c>params</c>, and of a type an <c>IServiceProvider</c> can hand out.
    /// </summary>
    public static bool IsInjectableParameter(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None
        && !parameter.IsParams
        && parameter.Type is not (IPointerTypeSymbol or IFunctionPointerTypeSymbol or ITypeParameterSymbol)
        && !parameter.Type.IsRefLikeType
        && parameter.Type.TypeKind != TypeKind.Error;

    /// <summary>
    /// Types that cannot travel in a message record or a <c>ValueTask</c>. An array of pointers counts too: the
    /// generated record and client are not in an unsafe context, so they could not even name its type.
    /// </summary>
    public static bool IsUnsupportedType(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Error
        || type.IsRefLikeType
        || type.SpecialType == SpecialType.System_Void
        || (type is IArrayTypeSymbol array && IsUnsupportedType(array.ElementType));

    private static bool IsInSystemThreadingTasks(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
