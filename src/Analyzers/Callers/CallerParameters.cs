using Microsoft.CodeAnalysis;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Callers;

/// <summary>Which methods of a process receive the message's caller.</summary>
internal static class CallerParameters
{
    /// <summary>True for an <c>[On]</c> handler of a <c>[SessionProcess]</c>: the only methods the caller is passed to.</summary>
    public static bool IsMessageHandler(IMethodSymbol method, SessionGenTypes types)
    {
        if (!ProcessHandlers.IsProcessHandler(method, types))
        {
            return false;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (types.KindOf(attribute) == HandlerKind.Operation)
            {
                return true;
            }
        }

        return false;
    }
}
