using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Analyzers.Infrastructure;

/// <summary>Where to put a diagnostic: always in the user's code, never in the generator's output.</summary>
internal static class Locations
{
    /// <summary>The first location of <paramref name="symbol"/> that is not in a SessionGen-generated file.</summary>
    public static Location Of(ISymbol symbol)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.SourceTree is { } tree && !GeneratedFiles.IsSessionGenOutput(tree))
            {
                return location;
            }
        }

        return symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;
    }

    /// <summary>The declaration of a method (the implementing part of a partial method), when it is in source.</summary>
    public static MethodDeclarationSyntax? DeclarationOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        IMethodSymbol source = method.PartialImplementationPart ?? method;
        foreach (SyntaxReference reference in source.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
            {
                return declaration;
            }
        }

        return null;
    }

    /// <summary>The declaration of a parameter, when it is in source.</summary>
    public static Location Of(IParameterSymbol parameter, CancellationToken cancellationToken) =>
        parameter.DeclaringSyntaxReferences.Length > 0
            ? parameter.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken).GetLocation()
            : Of((ISymbol)parameter);
}
