using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Reads an <c>[OnFault]</c> or <c>[OnIdle]</c> method: an instance, non-generic method returning void,
/// Task or ValueTask, taking nothing (or, for a fault handler, the <c>SessionFaultedException</c>).
/// Anything else yields null and is left out.
/// </summary>
internal static class LifecycleHandlerParser
{
    /// <summary>The first method with the attribute that is a valid lifecycle handler, or null.</summary>
    public static LifecycleHandlerModel? First(IEnumerable<IMethodSymbol> methods, string attributeName, bool mayTakeFault)
    {
        foreach (IMethodSymbol method in methods)
        {
            foreach (AttributeData attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == attributeName && Parse(method, mayTakeFault) is { } handler)
                {
                    return handler;
                }
            }
        }

        return null;
    }

    public static LifecycleHandlerModel? Parse(IMethodSymbol method, bool mayTakeFault)
    {
        if (method.IsStatic || method.IsGenericMethod || HandlerRules.IsAsyncVoid(method) || HandlerRules.HasByRefParameter(method))
        {
            return null;
        }

        ReturnKind? returnKind = HandlerRules.ClassifyReturn(method, out _);
        if (returnKind is not (ReturnKind.Void or ReturnKind.Task or ReturnKind.ValueTask))
        {
            return null;
        }

        bool takesFault = method.Parameters.Length == 1 && mayTakeFault && AcceptsFault(method.Parameters[0].Type);
        if (method.Parameters.Length != 0 && !takesFault)
        {
            return null;
        }

        return new LifecycleHandlerModel(method.Name, takesFault, returnKind.Value);
    }

    /// <summary>True when a <c>SessionFaultedException</c> can be passed as <paramref name="type"/>.</summary>
    private static bool AcceptsFault(ITypeSymbol type) =>
        type.ToDisplayString() is "System.Exception" or "SessionGen.SessionException" or KnownNames.SessionFaultedException;
}
