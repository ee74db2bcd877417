using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Generator.Parsing;

/// <summary>One SessionGen attribute of a method that the process parser reads: its class and, for <c>[On]</c>/<c>[OnTimeout]</c>, its arguments.</summary>
/// <param name="Method">The method carrying it.</param>
/// <param name="AttributeName">Its class, one of <see cref="KnownNames"/>.</param>
/// <param name="Name">The operation or timeout name when it is a valid one (what <c>ReadName</c> accepted), else null.</param>
/// <param name="StartsSession">Whether <c>StartsSession = true</c> is set.</param>
internal sealed record HandlerAttribute(IMethodSymbol Method, string AttributeName, string? Name, bool StartsSession);

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

    public static List<HandlerAttribute> Read(INamedTypeSymbol process, GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        FromSyntax(process, context, cancellationToken) ?? Bound(process.GetMembers().OfType<IMethodSymbol>(), cancellationToken);

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

    private static List<HandlerAttribute>? FromSyntax(INamedTypeSymbol process, GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (process.DeclaringSyntaxReferences.Length != 1 || context.TargetNode is not ClassDeclarationSyntax declaration || !OnlyMethodsMayCarryMethodAttributes(declaration))
        {
            return null;
        }

        SemanticModel model = context.SemanticModel;
        var scope = new Scope(model, declaration.OpenBraceToken.Span.End, SharedScope(process, declaration), process);
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

                if (model.GetDeclaredSymbol(method, cancellationToken) is not { } symbol)
                {
                    return null;
                }

                foreach ((string attributeName, string? name, bool startsSession) in own)
                {
                    found.Add(new HandlerAttribute(symbol, attributeName, name, startsSession));
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
    private static bool ReadFromSyntax(MethodDeclarationSyntax method, Scope scope, List<(string, string?, bool)> own)
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
                if (scope.Resolve(attribute) is not { } type)
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

    /// <summary>Names bound per compilation and shared scope (see <see cref="SharedScope"/>).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>> SharedNames = new();

    /// <summary>Per compilation, whether a type of the name is file-local somewhere (then no class shares its binding).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, bool>> FileLocalNames = new();

    /// <summary>
    /// What decides how a name binds in the class's body when the class itself cannot: the namespace declarations
    /// around it and the usings of each, and the file's usings (global usings are the compilation's). Null when the
    /// class or a containing type could add names of its own (a base class other than <c>object</c>, which may bring
    /// nested types); whether one declares a nested type of the name is checked per name in <see cref="Scope"/>.
    /// </summary>
    private static string? SharedScope(INamedTypeSymbol process, ClassDeclarationSyntax declaration)
    {
        for (INamedTypeSymbol? type = process; type is not null; type = type.ContainingType)
        {
            if (type.BaseType is { } baseType && baseType.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType))
            {
                return null;
            }

            if (type.TypeKind == TypeKind.Interface)
            {
                return null; // an interface's body sees the nested types of its base interfaces
            }
        }

        var key = new System.Text.StringBuilder();
        for (SyntaxNode? node = declaration.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseNamespaceDeclarationSyntax space:
                    key.Append("namespace ").Append(space.Name.ToString()).Append('{');
                    AppendAll(key, space.Externs);
                    AppendAll(key, space.Usings);
                    key.Append('}');
                    break;
                case CompilationUnitSyntax unit:
                    AppendAll(key, unit.Externs);
                    AppendAll(key, unit.Usings);
                    break;
                case TypeDeclarationSyntax:
                    break;
                default:
                    return null;
            }
        }

        return key.ToString();
    }

    private static void AppendAll<T>(System.Text.StringBuilder key, SyntaxList<T> nodes)
        where T : SyntaxNode
    {
        foreach (T node in nodes)
        {
            key.Append(node.ToString()).Append(';');
        }
    }

    /// <summary>
    /// Attribute names bound in a class's body, cached: every method of the class sees the same scopes, and classes
    /// with the same <see cref="SharedScope"/> do too for a name that none of them, nor a file-local type, declares.
    /// </summary>
    private sealed class Scope(SemanticModel model, int position, string? sharedScope, INamedTypeSymbol process)
    {
        private readonly Dictionary<string, INamedTypeSymbol?> types = new();

        /// <summary>
        /// The attribute class <paramref name="attribute"/>'s name binds to, or null when it binds to none or not for
        /// certain (not found, ambiguous, not an attribute class).
        /// </summary>
        public INamedTypeSymbol? Resolve(AttributeSyntax attribute)
        {
            string key = attribute.Name.ToString();
            if (types.TryGetValue(key, out INamedTypeSymbol? type))
            {
                return type;
            }

            ConcurrentDictionary<string, INamedTypeSymbol?>? shared = null;
            string? sharedKey = null;
            if (sharedScope is not null && MayShare(attribute.Name))
            {
                shared = SharedNames.GetValue(model.Compilation, static _ => new ConcurrentDictionary<string, INamedTypeSymbol?>());
                sharedKey = key + "|" + sharedScope;
                if (shared.TryGetValue(sharedKey, out type))
                {
                    types[key] = type;
                    return type;
                }
            }

            // Only the name is bound, as the compiler binds an attribute's name (in an attribute, so with the
            // 'Attribute' suffix rule and its ambiguity), at the start of the class's body: the scopes a method's
            // attribute is looked up in (the class, its containers, the usings and aliases). Neither the arguments
            // nor a semantic model for the attribute are made. (LookupNamespacesAndTypes costs more, it lists every
            // name in scope; and binding the bare name 'On', which is not found, searches every reference for a
            // forwarded type.)
            NameSyntax name = SyntaxFactory.Attribute(attribute.Name).Name;
            SymbolInfo info = model.GetSpeculativeSymbolInfo(position, name, SpeculativeBindingOption.BindAsTypeOrNamespace);
            type = info.Symbol is INamedTypeSymbol candidate && IsAttributeClass(candidate) ? candidate : null;
            types[key] = type;
            if (shared is not null)
            {
                shared[sharedKey!] = type;
            }

            return type;
        }

        /// <summary>
        /// Whether the name binds the same in every class of the shared scope: its first identifier (and, for a simple
        /// name, that with the <c>Attribute</c> suffix) is no nested type of this class or a containing type, nor a
        /// file-local type anywhere in the compilation (visible in its own file only).
        /// </summary>
        private bool MayShare(NameSyntax name)
        {
            SimpleNameSyntax first = FirstIdentifier(name);
            string text = first.Identifier.ValueText;
            string[] names = name is IdentifierNameSyntax ? [text, text + "Attribute"] : [text];
            foreach (string candidate in names)
            {
                for (INamedTypeSymbol? type = process; type is not null; type = type.ContainingType)
                {
                    if (!type.GetTypeMembers(candidate).IsEmpty)
                    {
                        return false;
                    }
                }

                ConcurrentDictionary<string, bool> fileLocal = FileLocalNames.GetValue(model.Compilation, static _ => new ConcurrentDictionary<string, bool>());
                if (fileLocal.GetOrAdd(candidate, name => model.Compilation.GetSymbolsWithName(name, SymbolFilter.Type).Any(static symbol => symbol is INamedTypeSymbol { IsFileLocal: true })))
                {
                    return false;
                }
            }

            return true;
        }

        private static SimpleNameSyntax FirstIdentifier(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => FirstIdentifier(qualified.Left),
            AliasQualifiedNameSyntax aliased => aliased.Alias,
            SimpleNameSyntax simple => simple,
            _ => throw new System.InvalidOperationException(),
        };
    }

    private static bool IsAttributeClass(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsGenericType)
        {
            return false;
        }

        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Attribute", ContainingType: null, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
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
