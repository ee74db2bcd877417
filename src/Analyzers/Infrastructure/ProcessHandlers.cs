using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>The handler attributes of a process, in the order the generator visits them (<c>GetMembers</c>).</summary>
internal static class ProcessHandlers
{
    // Seven rules read the handlers of every process and some fifteen ask of every method whether it is a handler:
    // each answer is worked out once per symbol and shared by all the rules (issue 16). Symbols belong to one
    // compilation, so an answer never outlives it, and the SessionGen attributes it depends on are that compilation's.
    private static readonly ConditionalWeakTable<INamedTypeSymbol, IReadOnlyList<HandlerAttribute>> HandlersOf = new();
    private static readonly ConditionalWeakTable<IMethodSymbol, object> IsHandler = new();
    private static readonly object Yes = new();
    private static readonly object No = new();

    public static IReadOnlyList<HandlerAttribute> Of(INamedTypeSymbol process, SessionGenTypes types)
    {
        if (HandlersOf.TryGetValue(process, out IReadOnlyList<HandlerAttribute>? known))
        {
            return known;
        }

        var handlers = new List<HandlerAttribute>();
        foreach (ISymbol member in process.GetMembers())
        {
            if (member is IMethodSymbol method)
            {
                handlers.AddRange(HandlerAttribute.Of(method, types));
            }
        }

        return HandlersOf.GetValue(process, _ => handlers);
    }

    /// <summary>
    /// True when <paramref name="method"/> is a handler the generator looks at: an ordinary method carrying
    /// <c>[On]</c> or <c>[OnTimeout]</c>, declared in a <c>[SessionProcess]</c> class. The handler rules apply to these.
    /// </summary>
    public static bool IsProcessHandler(IMethodSymbol method, SessionGenTypes types)
    {
        if (IsHandler.TryGetValue(method, out object? known))
        {
            return known == Yes;
        }

        bool isHandler = method.MethodKind == MethodKind.Ordinary
            && types.IsMarkedHandler(method)
            && method.ContainingType is { } process
            && types.IsProcess(process);
        return IsHandler.GetValue(method, _ => isHandler ? Yes : No) == Yes;
    }

    /// <summary>
    /// The operation name no operation can have: its record would be <c>Messages.Messages</c>, and a member cannot
    /// share its class's name. The generator skips such an operation before it claims the name.
    /// </summary>
    public const string ReservedOperationName = GeneratedNames.MessagesClass;

    public static bool IsReservedOperation(HandlerAttribute handler) =>
        handler.Kind == HandlerKind.Operation && handler.TypeName == ReservedOperationName;

    /// <summary>
    /// The handlers whose names the generator claims, with the first claim of each C# name: the generator keeps
    /// the first and skips every later handler with the same <c>GeneratedNames.TypeNameFor</c> name.
    /// </summary>
    public static IEnumerable<(HandlerAttribute Handler, HandlerAttribute? FirstClaim)> NameClaims(
        IEnumerable<HandlerAttribute> handlers, HandlerKind kind)
    {
        var claims = new Dictionary<string, HandlerAttribute>();
        foreach (HandlerAttribute handler in handlers)
        {
            if (handler.Kind != kind || handler.TypeName is not { } name || IsReservedOperation(handler))
            {
                continue;
            }

            if (claims.TryGetValue(name, out HandlerAttribute? first))
            {
                yield return (handler, first);
            }
            else
            {
                claims.Add(name, handler);
                yield return (handler, null);
            }
        }
    }
}
