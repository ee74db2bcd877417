using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers.Protocol;

/// <summary>What a process's <c>[SessionProcess(States = typeof(...))]</c> says, as the generator reads it.</summary>
internal enum StatesDeclarationKind
{
    /// <summary>No <c>States</c>, or <c>States = null</c>: the process has no protocol.</summary>
    None,

    /// <summary><c>States</c> names an enum: its members are the states.</summary>
    Enum,

    /// <summary><c>States</c> names a type that is not an enum, which the generator ignores.</summary>
    NotEnum,

    /// <summary><c>States</c> does not bind; the compiler reports it, so no rule adds to it.</summary>
    Unbound,
}

/// <summary>The <c>States</c> argument of a process's <c>[SessionProcess]</c>.</summary>
internal static class StatesDeclaration
{
    public static (StatesDeclarationKind Kind, ITypeSymbol? Type) Of(INamedTypeSymbol process, INamedTypeSymbol sessionProcess)
    {
        foreach (AttributeData attribute in process.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, sessionProcess))
            {
                continue;
            }

            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key != "States")
                {
                    continue;
                }

                return argument.Value switch
                {
                    { Kind: TypedConstantKind.Error } => (StatesDeclarationKind.Unbound, null),
                    { Value: ITypeSymbol { TypeKind: TypeKind.Error } } => (StatesDeclarationKind.Unbound, null),
                    { Value: INamedTypeSymbol { TypeKind: TypeKind.Enum } states } => (StatesDeclarationKind.Enum, states),
                    { Value: ITypeSymbol other } => (StatesDeclarationKind.NotEnum, other),
                    _ => (StatesDeclarationKind.None, null),
                };
            }

            // The generator reads only the first [SessionProcess]; there is never more than one.
            break;
        }

        return (StatesDeclarationKind.None, null);
    }
}
