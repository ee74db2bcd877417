using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Reads a process's protocol: the <c>States</c> enum of <c>[SessionProcess]</c>, and each handler's
/// <c>[AcceptedIn]</c> and <c>[MovesTo]</c> as masks over the enum's members. Arguments that are not members of
/// the states enum are left out (an analyzer reports them).
/// </summary>
internal static class ProtocolParser
{
    public static INamedTypeSymbol? StatesEnum(ImmutableArray<AttributeData> attributes)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attributes.Length > 0 ? attributes[0].NamedArguments : ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (argument.Key == "States" && argument.Value.Value is INamedTypeSymbol { TypeKind: TypeKind.Enum } states)
            {
                return states;
            }
        }

        return null;
    }

    public static ProtocolModel? Parse(INamedTypeSymbol? states)
    {
        if (states is null)
        {
            return null;
        }

        IFieldSymbol[] members = Members(states);
        if (members.Length is 0 or > 64)
        {
            return null;
        }

        ulong final = 0;
        for (int i = 0; i < members.Length; i++)
        {
            if (members[i].GetAttributes().Any(static a => KnownNames.Is(a.AttributeClass, KnownNames.FinalStateAttribute)))
            {
                final |= 1UL << i;
            }
        }

        EquatableArray<string> names = members.Select(static m => m.Name).ToEquatableArray();
        return new ProtocolModel(TypeNames.Of(states), names, final, GeneratedNames.StateMaskClass(names));
    }

    public static TransitionsModel Transitions(IMethodSymbol method, INamedTypeSymbol? states)
    {
        if (states is null)
        {
            return TransitionsModel.Unrestricted;
        }

        IFieldSymbol[] members = Members(states);
        ulong accepted = TransitionsModel.AnyState;
        ulong targets = 0;
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (KnownNames.Is(attribute.AttributeClass, KnownNames.AcceptedInAttribute))
            {
                accepted = Mask(attribute, states, members);
            }
            else if (KnownNames.Is(attribute.AttributeClass, KnownNames.MovesToAttribute))
            {
                targets = Mask(attribute, states, members);
            }
        }

        return new TransitionsModel(accepted, targets);
    }

    /// <summary>
    /// The enum's members in declaration order (a state's index is its bit). A member whose value an earlier one
    /// already has is an alias of that state, and a member without a name (a syntax error) is no state.
    /// </summary>
    public static IFieldSymbol[] Members(INamedTypeSymbol states)
    {
        var values = new HashSet<object?>();
        return states.GetMembers().OfType<IFieldSymbol>()
            .Where(field => field.HasConstantValue && HandlerRules.IsValidName(field.Name) && values.Add(field.ConstantValue))
            .ToArray();
    }

    private static ulong Mask(AttributeData attribute, INamedTypeSymbol states, IFieldSymbol[] members)
    {
        ulong mask = 0;
        if (attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array, IsNull: false } arguments)
        {
            return mask; // [AcceptedIn(null)] and the like: the analyzer reports it
        }

        foreach (TypedConstant argument in arguments.Values)
        {
            if (!SymbolEqualityComparer.Default.Equals(argument.Type, states))
            {
                continue;
            }

            for (int i = 0; i < members.Length; i++)
            {
                if (Equals(members[i].ConstantValue, argument.Value))
                {
                    mask |= 1UL << i;
                    break;
                }
            }
        }

        return mask;
    }
}
