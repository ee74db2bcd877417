using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SessionGen.Generator.Parsing;

/// <summary>How the generator writes and ranks types.</summary>
internal static class TypeNames
{
    /// <summary><c>global::</c>-qualified, with nullable annotations, so generated code never depends on the user's usings.</summary>
    public static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static string Of(ITypeSymbol type)
    {
        // The display format escapes reserved keywords but not the contextual 'await', which a type or namespace may
        // be named and which generated async methods (StartAsync) cannot mention unescaped.
        ImmutableArray<SymbolDisplayPart> parts = type.ToDisplayParts(Qualified);
        if (!parts.Any(static part => part.Symbol is not null && part.ToString() == "await"))
        {
            return type.ToDisplayString(Qualified);
        }

        var text = new StringBuilder();
        foreach (SymbolDisplayPart part in parts)
        {
            string piece = part.ToString();
            text.Append(part.Symbol is not null && piece == "await" ? "@await" : piece);
        }

        return text.ToString();
    }

    /// <summary>2 = public, 1 = internal, 0 = narrower: how widely a type can be seen, counting its containers and type arguments.</summary>
    public static int Visibility(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Visibility(array.ElementType);
            case ITypeParameterSymbol:
                return 2;
            case INamedTypeSymbol named:
                int visibility = 2;
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    visibility = System.Math.Min(visibility, Rank(current.DeclaredAccessibility));
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    visibility = System.Math.Min(visibility, Visibility(argument));
                }

                return visibility;
            default:
                return 2;
        }
    }

    public static string Keyword(int visibility) => visibility switch
    {
        2 => "public",
        1 => "internal",
        _ => "private",
    };

    private static int Rank(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => 2,
        Accessibility.Internal or Accessibility.ProtectedOrInternal => 1,
        Accessibility.NotApplicable => 2,
        _ => 0,
    };
}
