using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>
/// Whether a symbol can carry a SessionGen attribute, answered from its declarations' syntax before
/// <c>GetAttributes</c> binds any. Binding is what the rules spend their time on: most methods of a project, and every
/// member the generator adds, have no attribute a rule looks for, and the first rule to ask would bind all of theirs
/// (issue 16: [GeneratedCode] and the like on thousands of generated members).
/// </summary>
internal static class DeclaredAttributes
{
    /// <summary>
    /// False only when no declaration outside SessionGen's own output has an attribute list, which is certain for
    /// types and ordinary methods. Symbols from metadata, and other declaration kinds, whose attributes can also be
    /// written elsewhere (<c>[method:]</c> on an event, a primary constructor), answer true and are bound as before.
    /// </summary>
    public static bool MayHaveAny(ISymbol symbol)
    {
        if (symbol is IMethodSymbol method && (method.PartialImplementationPart ?? method.PartialDefinitionPart) is { } otherPart
            && AnyAttributeList(otherPart.DeclaringSyntaxReferences))
        {
            return true; // a partial method's attributes are those of both parts
        }

        return AnyAttributeList(symbol.DeclaringSyntaxReferences);
    }

    private static bool AnyAttributeList(ImmutableArray<SyntaxReference> references)
    {
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (SyntaxReference reference in references)
        {
            // SessionGen writes none of the attributes the rules read.
            if (GeneratedFiles.IsSessionGenOutput(reference.SyntaxTree))
            {
                continue;
            }

            switch (reference.GetSyntax())
            {
                case MethodDeclarationSyntax { AttributeLists.Count: 0 }:
                case BaseTypeDeclarationSyntax { AttributeLists.Count: 0 }:
                    continue;
                default:
                    return true;
            }
        }

        return false;
    }
}
