using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Generator.Parsing;

/// <summary>One SessionGen attribute of a method that the process parser reads: its class and, for <c>[On]</c>/<c>[OnTimeout]</c>, its arguments.</summary>
/// <param name="MethodSymbol">
/// The method carrying it; null only for an <c>[On]</c> or <c>[OnTimeout]</c> attribute with a <paramref name="Signature"/>
/// when the process declares no states enum: then nothing reads the symbol, and taking it would make the compiler
/// build all the class's members (issue 16).
/// </param>
/// <param name="AttributeName">Its class, one of <see cref="KnownNames"/>.</param>
/// <param name="Name">The operation or timeout name when it is a valid one (what <c>ReadName</c> accepted), else null.</param>
/// <param name="StartsSession">Whether <c>StartsSession = true</c> is set.</param>
/// <param name="Signature">
/// For an <c>[On]</c> or <c>[OnTimeout]</c> attribute read from syntax, the method's signature when syntax gives it for
/// certain (then the handler is read from it, not from the method symbol's parameters); else null.
/// </param>
internal sealed record HandlerAttribute(IMethodSymbol? MethodSymbol, string AttributeName, string? Name, bool StartsSession, HandlerSignature? Signature = null)
{
    /// <summary>The method's symbol, for the readers that need it (see <see cref="MethodSymbol"/> for when it is absent).</summary>
    public IMethodSymbol Method => MethodSymbol ?? throw new System.InvalidOperationException($"The symbol of {Signature?.Name} was not taken.");
}

/// <summary>
/// The <c>[On]</c>, <c>[OnTimeout]</c>, <c>[OnFault]</c>, <c>[OnIdle]</c> and <c>[OnParticipantLeft]</c> attributes of a
/// process's methods, methods in declaration order and attributes in source order.
/// <para>
/// Binding a method's attributes (<c>GetAttributes()</c>) binds every argument and runs the nullable analysis over
/// them, and the generator, which runs first in a build, is the first to ask (issue 16). So the attributes are read
/// from syntax when that is certain to give the same answer: the class has one declaration; no constructor,
/// operator, accessor or partial method carries an attribute and no <c>[method:]</c> stands on the class; the method
/// is not generic; each attribute's name binds (only the name, as the compiler binds an attribute's name, once per
/// class and name) to exactly one attribute class; and the arguments of a SessionGen attribute are literals (one
/// positional string, <c>StartsSession = true|false</c>). Anything else (constants, <c>nameof</c>, named
/// <c>operation:</c>, names that do not bind) reads that method's bound attributes, as before; a class that does not
/// fit reads all its methods' bound attributes.
/// </para>
/// </summary>
internal static class HandlerAttributes
{
    private static readonly string[] MethodAttributes =
    [
        KnownNames.OnAttribute, KnownNames.OnTimeoutAttribute, KnownNames.OnFaultAttribute, KnownNames.OnIdleAttribute, KnownNames.OnParticipantLeftAttribute,
    ];

    /// <param name="process">The process class.</param>
    /// <param name="context">The generator's context of its <c>[SessionProcess]</c> attribute.</param>
    /// <param name="methodSymbolsNeeded">Whether every attribute needs its method's symbol (a states enum's transitions are read from it).</param>
    /// <param name="cancellationToken">The generator's cancellation.</param>
    public static List<HandlerAttribute> Read(INamedTypeSymbol process, GeneratorAttributeSyntaxContext context, bool methodSymbolsNeeded, CancellationToken cancellationToken) =>
        FromSyntax(process, context, methodSymbolsNeeded, cancellationToken) ?? Bound(process.GetMembers().OfType<IMethodSymbol>(), cancellationToken);

    /// <summary>The attributes bound by the compiler, of every method.</summary>
    private static List<HandlerAttribute> Bound(IEnumerable<IMethodSymbol> methods, CancellationToken cancellationToken)
    {
        var found = new List<HandlerAttribute>();
        foreach (IMethodSymbol method in methods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AddBound(method, found);
        }

        return found;
    }

    private static void AddBound(IMethodSymbol method, List<HandlerAttribute> found)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            foreach (string name in MethodAttributes)
            {
                if (KnownNames.Is(attribute.AttributeClass, name))
                {
                    found.Add(new HandlerAttribute(method, name, ReadName(attribute), ReadStartsSession(attribute)));
                    break;
                }
            }
        }
    }

    private static List<HandlerAttribute>? FromSyntax(INamedTypeSymbol process, GeneratorAttributeSyntaxContext context, bool methodSymbolsNeeded, CancellationToken cancellationToken)
    {
        if (process.DeclaringSyntaxReferences.Length != 1 || context.TargetNode is not ClassDeclarationSyntax declaration || !OnlyMethodsMayCarryMethodAttributes(declaration))
        {
            return null;
        }

        SemanticModel model = context.SemanticModel;
        var scope = new ClassBodyScope(model, declaration, process);
        var found = new List<HandlerAttribute>();
        foreach (MemberDeclarationSyntax member in declaration.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not MethodDeclarationSyntax method || method.AttributeLists.Count == 0)
            {
                continue;
            }

            var own = new List<(string AttributeName, string? Name, bool StartsSession)>();
            if (method.TypeParameterList is null && ReadFromSyntax(method, scope, own))
            {
                if (own.Count == 0)
                {
                    continue;
                }

                HandlerSignature? signature = own.Any(static attribute => IsHandler(attribute.AttributeName)) ? HandlerSignature.Read(method, scope) : null;
                bool symbolNeeded = methodSymbolsNeeded || signature is null || own.Any(static attribute => !IsHandler(attribute.AttributeName));
                IMethodSymbol? symbol = null;
                if (symbolNeeded && (symbol = model.GetDeclaredSymbol(method, cancellationToken)) is null)
                {
                    return null;
                }

                foreach ((string attributeName, string? name, bool startsSession) in own)
                {
                    found.Add(new HandlerAttribute(symbol, attributeName, name, startsSession, IsHandler(attributeName) ? signature : null));
                }
            }
            else if (model.GetDeclaredSymbol(method, cancellationToken) is { } symbol)
            {
                AddBound(symbol, found);
            }
            else
            {
                return null;
            }
        }

        return found;
    }

    /// <summary>Whether the attribute marks an operation or a timeout (whose signature is read), not a lifecycle handler.</summary>
    private static bool IsHandler(string attributeName) => attributeName is KnownNames.OnAttribute or KnownNames.OnTimeoutAttribute;

    /// <summary>False when something other than an ordinary method declaration may carry an attribute that applies to a method.</summary>
    private static bool OnlyMethodsMayCarryMethodAttributes(ClassDeclarationSyntax declaration)
    {
        if (declaration.AttributeLists.Any(static list => list.Target is not null && !list.Target.Identifier.IsKind(SyntaxKind.TypeKeyword)))
        {
            return false; // [method: ...] on a primary constructor, and anything unusual
        }

        foreach (MemberDeclarationSyntax member in declaration.Members)
        {
            switch (member)
            {
                case MethodDeclarationSyntax method:
                    if (method.Modifiers.Any(static modifier => modifier.IsKind(SyntaxKind.PartialKeyword)))
                    {
                        return false; // the symbol merges the attributes of both parts
                    }

                    break;
                case FieldDeclarationSyntax or BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    break;
                case BasePropertyDeclarationSyntax property:
                    if (property.AttributeLists.Any(static list => list.Target is not null)
                        || (property.AccessorList?.Accessors.Any(static accessor => accessor.AttributeLists.Count > 0) ?? false))
                    {
                        return false;
                    }

                    break;
                case EventFieldDeclarationSyntax field:
                    if (field.AttributeLists.Any(static list => list.Target is not null))
                    {
                        return false;
                    }

                    break;
                default:
                    if (member.AttributeLists.Count > 0)
                    {
                        return false; // constructors, operators, destructors, incomplete members
                    }

                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads the method's SessionGen attributes into <paramref name="own"/>; false when syntax cannot say for certain
    /// what binding would.
    /// </summary>
    private static bool ReadFromSyntax(MethodDeclarationSyntax method, ClassBodyScope scope, List<(string, string?, bool)> own)
    {
        foreach (AttributeListSyntax list in method.AttributeLists)
        {
            if (list.Target is { } target)
            {
                if (target.Identifier.IsKind(SyntaxKind.ReturnKeyword))
                {
                    continue; // the return value's, not the method's
                }

                if (!target.Identifier.IsKind(SyntaxKind.MethodKeyword))
                {
                    return false;
                }
            }

            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (scope.ResolveAttribute(attribute) is not { } type)
                {
                    return false;
                }

                string? attributeName = MethodAttributes.FirstOrDefault(name => KnownNames.Is(type, name));
                if (attributeName is null)
                {
                    continue; // some other attribute class
                }

                if (!ReadArguments(attribute, type, attributeName, out string? name, out bool startsSession))
                {
                    return false;
                }

                own.Add((attributeName, name, startsSession));
            }
        }

        return true;
    }

    /// <summary>
    /// The arguments, when they are what binding reads without doubt: none for the lifecycle attributes; for
    /// <c>[On]</c> and <c>[OnTimeout]</c> one positional string literal, and for <c>[On]</c> at most one
    /// <c>StartsSession = true|false</c>.
    /// </summary>
    private static bool ReadArguments(AttributeSyntax attribute, INamedTypeSymbol type, string attributeName, out string? name, out bool startsSession)
    {
        name = null;
        startsSession = false;
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        if (attributeName is not (KnownNames.OnAttribute or KnownNames.OnTimeoutAttribute))
        {
            return arguments.Count == 0;
        }

        if (arguments.Count == 0
            || arguments[0] is not { NameEquals: null, NameColon: null, Expression: LiteralExpressionSyntax literal }
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || !TakesOneString(type))
        {
            return false;
        }

        string value = literal.Token.ValueText;
        name = HandlerRules.IsValidName(value) ? value : null;
        if (arguments.Count == 1)
        {
            return true;
        }

        if (arguments.Count > 2
            || attributeName != KnownNames.OnAttribute
            || arguments[1] is not { NameEquals.Name.Identifier.ValueText: "StartsSession", NameColon: null, Expression: LiteralExpressionSyntax flag }
            || !(flag.IsKind(SyntaxKind.TrueLiteralExpression) || flag.IsKind(SyntaxKind.FalseLiteralExpression))
            || !HasStartsSession(type))
        {
            return false;
        }

        startsSession = flag.IsKind(SyntaxKind.TrueLiteralExpression);
        return true;
    }

    /// <summary>
    /// Whether the class's only constructor is a public one taking one string, as SessionGen's own: then one string
    /// literal binds to it as that one constructor argument. A class of the same name with another shape (the user's
    /// own, or a file-local one) is read from its bound attributes.
    /// </summary>
    private static bool TakesOneString(INamedTypeSymbol type)
    {
        ImmutableArray<IMethodSymbol> constructors = type.InstanceConstructors;
        return constructors.Length == 1
            && constructors[0].DeclaredAccessibility == Accessibility.Public
            && constructors[0].Parameters.Length == 1
            && constructors[0].Parameters[0] is { Type.SpecialType: SpecialType.System_String, IsParams: false, IsOptional: false, RefKind: RefKind.None };
    }

    /// <summary>Whether the class itself declares a public settable instance <c>bool StartsSession</c> property, as SessionGen's own.</summary>
    private static bool HasStartsSession(INamedTypeSymbol type)
    {
        ImmutableArray<ISymbol> members = type.GetMembers("StartsSession");
        return members.Length == 1
            && members[0] is IPropertySymbol
            {
                IsStatic: false,
                DeclaredAccessibility: Accessibility.Public,
                Type.SpecialType: SpecialType.System_Boolean,
                SetMethod: { DeclaredAccessibility: Accessibility.Public, IsInitOnly: false },
            };
    }

    private static string? ReadName(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1
        && attribute.ConstructorArguments[0] is { Kind: not TypedConstantKind.Array, Value: string name } // Value throws for an array (a params constructor)
        && HandlerRules.IsValidName(name)
            ? name
            : null;

    private static bool ReadStartsSession(AttributeData attribute) =>
        attribute.NamedArguments.Any(static argument => argument.Key == "StartsSession" && argument.Value is { Kind: not TypedConstantKind.Array, Value: true });
}
