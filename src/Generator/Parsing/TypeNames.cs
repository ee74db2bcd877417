using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Model;

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
        // The parts are formatted once and joined here: ToDisplayString would format them all over again (issue 16).
        ImmutableArray<SymbolDisplayPart> parts = type.ToDisplayParts(Qualified);
        var text = new StringBuilder();
        foreach (SymbolDisplayPart part in parts)
        {
            string piece = part.ToString();
            text.Append(part.Symbol is not null && piece == "await" ? "@await" : piece);
        }

        return text.ToString();
    }

    /// <summary>How widely a type can be seen, counting its containers and type arguments.</summary>
    public static GeneratedAccessibility Visibility(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Visibility(array.ElementType);
            case INamedTypeSymbol named:
                GeneratedAccessibility visibility = GeneratedAccessibility.Public;
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    visibility = Narrower(visibility, Of(current.DeclaredAccessibility));
                }

                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    visibility = Narrower(visibility, Visibility(argument));
                }

                return visibility;
            default:
                return GeneratedAccessibility.Public; // type parameters, pointers: no accessibility of their own
        }
    }

    /// <summary>The narrower of two accessibilities.</summary>
    public static GeneratedAccessibility Narrower(GeneratedAccessibility left, GeneratedAccessibility right) =>
        left < right ? left : right;

    private static GeneratedAccessibility Of(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public or Accessibility.NotApplicable => GeneratedAccessibility.Public,
        Accessibility.Internal or Accessibility.ProtectedOrInternal => GeneratedAccessibility.Internal,
        _ => GeneratedAccessibility.Private,
    };
}
