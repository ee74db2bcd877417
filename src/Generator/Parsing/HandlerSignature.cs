using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Generator.Parsing;

/// <summary>One parameter of a <see cref="HandlerSignature"/>: its name as the symbol has it (no <c>@</c>) and its type.</summary>
internal readonly record struct SignatureParameter(string Name, ITypeSymbol Type);

/// <summary>
/// A handler's signature read from its declaration, each type bound on its own through a <see cref="ClassBodyScope"/>
/// (issue 16): asking the method symbol for its parameters or return type binds the whole signature and runs the
/// method's checks, which the generator, first in a build, would pay for. Only the plain shapes are read this way; a
/// method with anything else (parameter modifiers or attributes, <c>__arglist</c>, a by-ref return, an explicit
/// interface, a type that does not bind for certain) has no signature here and is read from its symbol.
/// </summary>
/// <param name="Name">The method's name, as the symbol has it.</param>
/// <param name="Declaration">Its declaration.</param>
/// <param name="IsStatic">Whether it is static.</param>
/// <param name="IsAsync">Whether it is <c>async</c>.</param>
/// <param name="ReturnType">Its return type, or null for <c>void</c>.</param>
/// <param name="Parameters">Its parameters.</param>
internal sealed record HandlerSignature(
    string Name,
    MethodDeclarationSyntax Declaration,
    bool IsStatic,
    bool IsAsync,
    ITypeSymbol? ReturnType,
    IReadOnlyList<SignatureParameter> Parameters)
{
    /// <summary>The signature of <paramref name="method"/>, or null when syntax cannot say for certain what its symbol would.</summary>
    public static HandlerSignature? Read(MethodDeclarationSyntax method, ClassBodyScope scope)
    {
        if (method.TypeParameterList is not null || method.ExplicitInterfaceSpecifier is not null || method.ReturnType is RefTypeSyntax)
        {
            return null;
        }

        var parameters = new List<SignatureParameter>(method.ParameterList.Parameters.Count);
        foreach (ParameterSyntax parameter in method.ParameterList.Parameters)
        {
            // Modifiers (ref, out, in, params, this, scoped) and attributes ([Correlation]) are the symbol's to read.
            if (parameter.Modifiers.Count > 0 || parameter.AttributeLists.Count > 0 || parameter.Type is null
                || scope.ResolveType(parameter.Type) is not { } type)
            {
                return null;
            }

            parameters.Add(new SignatureParameter(parameter.Identifier.ValueText, type));
        }

        ITypeSymbol? returnType = null;
        if (!IsVoid(method.ReturnType) && (returnType = scope.ResolveType(method.ReturnType)) is null)
        {
            return null;
        }

        return new HandlerSignature(
            method.Identifier.ValueText,
            method,
            method.Modifiers.Any(SyntaxKind.StaticKeyword),
            method.Modifiers.Any(SyntaxKind.AsyncKeyword),
            returnType,
            parameters);
    }

    private static bool IsVoid(TypeSyntax type) => type is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword);
}
