using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Protocol;

/// <summary>
/// The members of a process's states enum, read as the generator's <c>ProtocolParser</c> reads them: the fields with a
/// constant value in declaration order (a state's index is its bit), the first is the initial state. A member whose
/// value an earlier member already has is an alias of it, not a state of its own.
/// </summary>
internal sealed class ProtocolStates
{
    /// <summary>The generator leaves out a protocol with more states than a mask has bits.</summary>
    public const int MaxStates = 64;

    private readonly ulong finalStates;

    private ProtocolStates(INamedTypeSymbol enumType, IFieldSymbol[] members)
    {
        EnumType = enumType;
        Members = members;
        for (int state = 0; state < members.Length && state < MaxStates; state++)
        {
            if (IsMarkedFinal(members[state]))
            {
                finalStates |= 1UL << state;
            }
        }
    }

    public INamedTypeSymbol EnumType { get; }

    public IReadOnlyList<IFieldSymbol> Members { get; }

    public int Count => Members.Count;

    public static ProtocolStates Of(INamedTypeSymbol enumType)
    {
        var members = new List<IFieldSymbol>();
        foreach (ISymbol member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field)
            {
                members.Add(field);
            }
        }

        return new ProtocolStates(enumType, members.ToArray());
    }

    /// <summary>The state an attribute argument names, or -1 when it is not a member of the enum (the generator skips it).</summary>
    public int IndexOf(TypedConstant argument)
    {
        if (argument.Kind != TypedConstantKind.Enum || !SymbolEqualityComparer.Default.Equals(argument.Type, EnumType))
        {
            return -1;
        }

        for (int i = 0; i < Members.Count; i++)
        {
            if (Equals(Members[i].ConstantValue, argument.Value))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when an earlier member has the same value: the generator always maps that value to the earlier one.</summary>
    public bool IsAlias(int state)
    {
        for (int i = 0; i < state; i++)
        {
            if (Equals(Members[i].ConstantValue, Members[state].ConstantValue))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsFinal(int state) => (finalStates & (1UL << state)) != 0;

    private static bool IsMarkedFinal(IFieldSymbol member)
    {
        foreach (AttributeData attribute in member.GetAttributes())
        {
            if (KnownNames.Is(attribute.AttributeClass, KnownNames.FinalStateAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The member's declaration when it is in this compilation's source, else the process (the enum may come from a reference).</summary>
    public Location LocationOf(int state, INamedTypeSymbol process, Compilation compilation)
    {
        foreach (Location location in Members[state].Locations)
        {
            if (location.SourceTree is { } tree && compilation.ContainsSyntaxTree(tree))
            {
                return location;
            }
        }

        return Locations.Of(process);
    }
}
