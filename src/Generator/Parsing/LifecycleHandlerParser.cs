using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Reads an <c>[OnFault]</c>, <c>[OnIdle]</c> or <c>[OnParticipantLeft]</c> method: an instance, non-generic method returning void,
/// Task or ValueTask, taking nothing (or, for a fault handler, the <c>SessionFaultedException</c>).
/// Anything else yields null and is left out.
/// </summary>
internal static class LifecycleHandlerParser
{
    /// <summary>The first method with the attribute that is a valid lifecycle handler, or null.</summary>
    public static LifecycleHandlerModel? First(IReadOnlyList<HandlerAttribute> attributed, string attributeName, bool mayTakeFault) =>
        First(attributed, attributeName, method => Parse(method, mayTakeFault));

    /// <summary>The first method with the attribute that <paramref name="parse"/> accepts, or null.</summary>
    public static LifecycleHandlerModel? First(IReadOnlyList<HandlerAttribute> attributed, string attributeName, Func<IMethodSymbol, LifecycleHandlerModel?> parse)
    {
        foreach (HandlerAttribute attribute in attributed)
        {
            if (attribute.AttributeName == attributeName && parse(attribute.Method) is { } handler)
            {
                return handler;
            }
        }

        return null;
    }

    public static LifecycleHandlerModel? Parse(IMethodSymbol method, bool mayTakeFault)
    {
        if (ReturnKindOf(method) is not { } returnKind)
        {
            return null;
        }

        bool takesFault = method.Parameters.Length == 1 && mayTakeFault && AcceptsFault(method.Parameters[0].Type);
        if (method.Parameters.Length != 0 && !takesFault)
        {
            return null;
        }

        return new LifecycleHandlerModel(method.Name, takesFault, returnKind);
    }

    /// <summary>An <c>[OnParticipantLeft]</c> method: as the others, taking one <c>string</c> (the participant).</summary>
    public static LifecycleHandlerModel? ParseParticipantLeft(IMethodSymbol method) =>
        ReturnKindOf(method) is { } returnKind && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String
            ? new LifecycleHandlerModel(method.Name, TakesFault: false, returnKind)
            : null;

    /// <summary>Void, Task or ValueTask for an instance, non-generic method without by-ref parameters; else null.</summary>
    private static ReturnKind? ReturnKindOf(IMethodSymbol method)
    {
        if (method.IsStatic || method.IsGenericMethod || HandlerRules.IsAsyncVoid(method) || HandlerRules.HasByRefParameter(method))
        {
            return null;
        }

        return HandlerRules.ClassifyReturn(method, out _) is { } returnKind and (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask)
            ? returnKind
            : null;
    }

    /// <summary>True when a <c>SessionFaultedException</c> can be passed as <paramref name="type"/>.</summary>
    private static bool AcceptsFault(ITypeSymbol type) =>
        type.ToDisplayString() is "System.Exception" or "SessionGen.SessionException" or KnownNames.SessionFaultedException;
}
