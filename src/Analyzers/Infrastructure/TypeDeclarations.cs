using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>The user's declarations of a type (the generator's own partial part left out).</summary>
internal static class TypeDeclarations
{
    public static IEnumerable<TypeDeclarationSyntax> Of(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (!GeneratedFiles.IsSessionGenOutput(reference.SyntaxTree)
                && reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                yield return declaration;
            }
        }
    }

    /// <summary>Declarations without the <c>partial</c> modifier: the generator needs it on every one.</summary>
    public static IEnumerable<TypeDeclarationSyntax> WithoutPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (TypeDeclarationSyntax declaration in Of(type, cancellationToken))
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                yield return declaration;
            }
        }
    }
}
