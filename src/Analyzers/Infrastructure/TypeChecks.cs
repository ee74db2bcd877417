using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>Questions about types that several rules ask.</summary>
internal static class TypeChecks
{
    /// <summary>
    /// True when the type, an array element or a type argument does not bind. The compiler already reports it,
    /// and the generator's rules count such a type as unsupported, so the analyzers stay quiet about it.
    /// </summary>
    public static bool ContainsErrorType(ITypeSymbol type)
    {
        switch (type)
        {
            case { TypeKind: TypeKind.Error }:
                return true;
            case IArrayTypeSymbol array:
                return ContainsErrorType(array.ElementType);
            case IPointerTypeSymbol pointer:
                return ContainsErrorType(pointer.PointedAtType);
            case INamedTypeSymbol named:
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (ContainsErrorType(argument))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }
}
