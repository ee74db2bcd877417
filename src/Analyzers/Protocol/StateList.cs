using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Protocol;

/// <summary>One <c>[AcceptedIn(...)]</c> or <c>[MovesTo(...)]</c> on a handler: the states it lists, with where each is written.</summary>
internal sealed class StateList
{
    private StateList(AttributeData data, string name, ImmutableArray<TypedConstant> arguments)
    {
        Data = data;
        Name = name;
        Arguments = arguments;
    }

    public AttributeData Data { get; }

    /// <summary><c>AcceptedIn</c> or <c>MovesTo</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The listed states. <c>[AcceptedIn(null)]</c> passes a null array, which is kept as its one argument so that it
    /// is reported like any other value that is not a state.
    /// </summary>
    public ImmutableArray<TypedConstant> Arguments { get; }

    public static StateList? AcceptedIn(IMethodSymbol method, SessionGenTypes types) => Find(method, types.AcceptedIn, "AcceptedIn");

    public static StateList? MovesTo(IMethodSymbol method, SessionGenTypes types) => Find(method, types.MovesTo, "MovesTo");

    /// <summary>The argument's expression, e.g. <c>AuctionState.Open</c>; the attribute when it cannot be found.</summary>
    public Location ArgumentLocation(int index, CancellationToken cancellationToken)
    {
        if (Data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax attribute)
        {
            return Location.None;
        }

        SeparatedSyntaxList<AttributeArgumentSyntax> written = attribute.ArgumentList?.Arguments ?? default;
        // One written array that is itself the params array; not a null array, nor an array passed as one element.
        if (written.Count == 1 && Elements(written[0].Expression) is { } elements && elements.Count == Arguments.Length
            && index < Arguments.Length && Arguments[0].Kind != TypedConstantKind.Array)
        {
            return elements[index].GetLocation();
        }

        return written.Count == Arguments.Length ? written[index].Expression.GetLocation() : attribute.GetLocation();
    }

    private static StateList? Find(IMethodSymbol method, INamedTypeSymbol? attributeType, string name)
    {
        if (attributeType is null)
        {
            return null;
        }

        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                continue;
            }

            // An attribute that does not bind is a compiler error already.
            if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0] is not { Kind: TypedConstantKind.Array } states)
            {
                return null;
            }

            return new StateList(attribute, name, states.IsNull ? ImmutableArray.Create(states) : states.Values);
        }

        return null;
    }

    /// <summary>The elements of an explicit array, as in <c>[AcceptedIn(new object[] { A, B })]</c>.</summary>
    private static SeparatedSyntaxList<ExpressionSyntax>? Elements(ExpressionSyntax expression) => expression switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        ImplicitArrayCreationExpressionSyntax { Initializer: { } initializer } => initializer.Expressions,
        _ => null,
    };
}
