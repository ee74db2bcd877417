using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>One <c>[On]</c> or <c>[OnTimeout]</c> on a method, read the way the generator reads it.</summary>
internal sealed class HandlerAttribute
{
    // Some ten rules read the handler attributes of every method, and most read their names (issue 16, compile8): each
    // method's list, with its names, is worked out once and shared by all the rules. A symbol belongs to one
    // compilation, so no answer outlives it, and the SessionGen attributes it depends on are that compilation's.
    private static readonly ConditionalWeakTable<IMethodSymbol, HandlerAttribute[]> OfMethod = new();
    private static readonly HandlerAttribute[] None = new HandlerAttribute[0];

    private HandlerAttribute(IMethodSymbol method, AttributeData data, HandlerKind kind)
    {
        Method = method;
        Data = data;
        Kind = kind;
    }

    public IMethodSymbol Method { get; }

    public AttributeData Data { get; }

    public HandlerKind Kind { get; }

    /// <summary>False when the attribute does not bind; a compiler error already explains it, so no rule adds to it.</summary>
    public bool IsBound => Data.AttributeConstructor is not null
        && Data.ConstructorArguments.Length == 1
        && Data.ConstructorArguments[0].Kind != TypedConstantKind.Error;

    /// <summary>The name as written; null for <c>null</c> or an unbound attribute.</summary>
    public string? RawName => Data.ConstructorArguments.Length == 1 ? Data.ConstructorArguments[0].Value as string : null;

    /// <summary>The name when the generator accepts it (the generator's <c>ReadName</c>), else null.</summary>
    public string? ValidName => Names().Valid;

    /// <summary>The C# name the generator derives from a valid name: the message record, <c>Schedule{Name}</c>.</summary>
    public string? TypeName => Names().Type;

    // Worked out on first use (as before, when it was worked out on every use), then kept: the rules share this object.
    private NamePair? names;

    private NamePair Names()
    {
        if (Volatile.Read(ref names) is { } known)
        {
            return known;
        }

        string? raw = RawName;
        string? valid = HandlerRules.IsValidName(raw) ? raw : null;
        var pair = new NamePair(valid, valid is { } name ? GeneratedNames.TypeNameFor(name) : null);
        Volatile.Write(ref names, pair);
        return pair;
    }

    private sealed class NamePair(string? valid, string? type)
    {
        public string? Valid { get; } = valid;

        public string? Type { get; } = type;
    }

    public bool StartsSession
    {
        get
        {
            foreach (KeyValuePair<string, TypedConstant> argument in Data.NamedArguments)
            {
                if (argument.Key == "StartsSession" && argument.Value.Value is true)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public string AttributeDisplayName => Kind == HandlerKind.Operation ? "[On]" : "[OnTimeout]";

    public string NameDisplayKind => Kind == HandlerKind.Operation ? "operation" : "timeout";

    public static IReadOnlyList<HandlerAttribute> Of(IMethodSymbol method, SessionGenTypes types)
    {
        if (OfMethod.TryGetValue(method, out HandlerAttribute[]? known))
        {
            return known;
        }

        if (!DeclaredAttributes.MayHaveAny(method))
        {
            return None;
        }

        List<HandlerAttribute>? found = null;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (types.KindOf(attribute) is { } kind)
            {
                (found ??= new List<HandlerAttribute>()).Add(new HandlerAttribute(method, attribute, kind));
            }
        }

        HandlerAttribute[] handlers = found?.ToArray() ?? None;
        return OfMethod.GetValue(method, _ => handlers);
    }

    /// <summary>The whole attribute, e.g. <c>On("Join")</c>.</summary>
    public Location AttributeLocation(CancellationToken cancellationToken) =>
        Data.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Locations.Of(Method);

    /// <summary>The name argument, e.g. <c>"Join"</c>; the attribute when the argument cannot be found.</summary>
    public Location NameLocation(CancellationToken cancellationToken)
    {
        if (Data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList: { } arguments } attribute)
        {
            foreach (AttributeArgumentSyntax argument in arguments.Arguments)
            {
                if (argument.NameEquals is null)
                {
                    return argument.Expression.GetLocation();
                }
            }

            return attribute.GetLocation();
        }

        return AttributeLocation(cancellationToken);
    }
}
