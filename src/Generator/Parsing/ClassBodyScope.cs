using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Names bound as the compiler binds them in a process class's body, without asking for the symbols of the class's
/// members (issue 16: the generator runs first in a build and would pay for binding every member it asks about).
/// <para>
/// A name is bound speculatively at the start of the class's body, which sees the same scopes as a method's
/// attributes and signature (the class, its containers, the usings and aliases; the class and its containers are not
/// generic, and the methods read this way are not either, so no type parameter is in scope). Each answer is kept for
/// the class, and shared between classes (per compilation) whose namespace declarations and usings read the same,
/// unless the class or a containing type may add names of its own (a base class other than <c>object</c>, an
/// interface), declares a nested type of the name, or a file-local type of the name exists anywhere in the
/// compilation (visible in its own file only).
/// </para>
/// </summary>
internal sealed class ClassBodyScope
{
    /// <summary>Names bound per compilation and shared scope (see <see cref="SharedScope"/>).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, ITypeSymbol?>> SharedNames = new();

    /// <summary>Per compilation, whether a type of the name is file-local somewhere (then no class shares its binding).</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, bool>> FileLocalNames = new();

    private readonly SemanticModel model;
    private readonly int position;
    private readonly string? sharedScope;
    private readonly INamedTypeSymbol process;
    private readonly Dictionary<string, ITypeSymbol?> bound = new();
    private readonly Dictionary<string, bool> mayShare = new();

    public ClassBodyScope(SemanticModel model, ClassDeclarationSyntax declaration, INamedTypeSymbol process)
    {
        this.model = model;
        this.process = process;
        position = declaration.OpenBraceToken.Span.End;
        sharedScope = SharedScope(process, declaration);
    }

    /// <summary>
    /// The attribute class <paramref name="attribute"/>'s name binds to, or null when it binds to none or not for
    /// certain (not found, ambiguous, not an attribute class).
    /// </summary>
    public INamedTypeSymbol? ResolveAttribute(AttributeSyntax attribute)
    {
        // Only the name is bound, as the compiler binds an attribute's name (in an attribute, so with the 'Attribute'
        // suffix rule and its ambiguity). Neither the arguments nor a semantic model for the attribute are made.
        // (LookupNamespacesAndTypes costs more, it lists every name in scope; and binding the bare name 'On', which
        // is not found, searches every reference for a forwarded type.)
        ITypeSymbol? type = Resolve("attribute:" + attribute.Name, attribute.Name, withAttributeSuffix: true, static (model, position, name) =>
            model.GetSpeculativeSymbolInfo(position, SyntaxFactory.Attribute((NameSyntax)name).Name, SpeculativeBindingOption.BindAsTypeOrNamespace).Symbol as ITypeSymbol);
        return type is INamedTypeSymbol candidate && IsAttributeClass(candidate) ? candidate : null;
    }

    /// <summary>
    /// The type <paramref name="type"/> (written in a method's signature) denotes, with its nullable annotations; null
    /// when it does not bind to a type for certain or its nullable context differs from the class body's start.
    /// </summary>
    public ITypeSymbol? ResolveType(TypeSyntax type)
    {
        NullableContext context = model.GetNullableContext(type.SpanStart);
        if (context != model.GetNullableContext(position))
        {
            return null; // a #nullable directive between the class's start and the type: annotations could differ
        }

        ITypeSymbol? resolved = Resolve("type:" + (int)context + ":" + type, type, withAttributeSuffix: false, static (model, position, syntax) =>
            model.GetSpeculativeTypeInfo(position, syntax, SpeculativeBindingOption.BindAsTypeOrNamespace).Type);
        if (resolved is null || ContainsError(resolved) || !IsAccessible(resolved))
        {
            return null;
        }

        // Speculative binding gives the type without its top-level annotation (those inside it, of type arguments and
        // array elements, it keeps): the annotation is the syntax's, as when the compiler binds a declared type.
        return resolved.WithNullableAnnotation(type is NullableTypeSyntax
            ? NullableAnnotation.Annotated
            : context.AnnotationsEnabled() ? NullableAnnotation.NotAnnotated : NullableAnnotation.None);
    }

    private ITypeSymbol? Resolve(string key, ExpressionSyntax syntax, bool withAttributeSuffix, System.Func<SemanticModel, int, ExpressionSyntax, ITypeSymbol?> bind)
    {
        if (bound.TryGetValue(key, out ITypeSymbol? type))
        {
            return type;
        }

        ConcurrentDictionary<string, ITypeSymbol?>? shared = null;
        string? sharedKey = null;
        if (sharedScope is not null && MayShare(syntax, withAttributeSuffix))
        {
            shared = SharedNames.GetValue(model.Compilation, static _ => new ConcurrentDictionary<string, ITypeSymbol?>());
            sharedKey = key + "|" + sharedScope;
            if (shared.TryGetValue(sharedKey, out type))
            {
                bound[key] = type;
                return type;
            }
        }

        type = bind(model, position, syntax);
        bound[key] = type;
        if (shared is not null)
        {
            shared[sharedKey!] = type;
        }

        return type;
    }

    /// <summary>
    /// Whether the syntax binds the same in every class of the shared scope: no name in it (and, for an attribute's
    /// simple name, that name with the <c>Attribute</c> suffix) is a nested type of this class or a containing type,
    /// nor a file-local type anywhere in the compilation. Every identifier is checked, not only the first of a
    /// qualified name: a superset, which only costs sharing.
    /// </summary>
    private bool MayShare(ExpressionSyntax syntax, bool withAttributeSuffix)
    {
        foreach (SyntaxNode node in syntax.DescendantNodesAndSelf())
        {
            if (node is not SimpleNameSyntax name)
            {
                continue;
            }

            string text = name.Identifier.ValueText;
            if (!MayShare(text) || (withAttributeSuffix && syntax is IdentifierNameSyntax && !MayShare(text + "Attribute")))
            {
                return false;
            }
        }

        return true;
    }

    private bool MayShare(string name)
    {
        if (mayShare.TryGetValue(name, out bool answer))
        {
            return answer;
        }

        answer = true;
        for (INamedTypeSymbol? type = process; type is not null && answer; type = type.ContainingType)
        {
            answer = type.GetTypeMembers(name).IsEmpty;
        }

        if (answer)
        {
            ConcurrentDictionary<string, bool> fileLocal = FileLocalNames.GetValue(model.Compilation, static _ => new ConcurrentDictionary<string, bool>());
            Compilation compilation = model.Compilation;
            answer = !fileLocal.GetOrAdd(name, name => compilation.GetSymbolsWithName(name, SymbolFilter.Type).Any(static symbol => symbol is INamedTypeSymbol { IsFileLocal: true }));
        }

        mayShare[name] = answer;
        return answer;
    }

    /// <summary>
    /// What decides how a name binds in the class's body when the class itself cannot: the namespace declarations
    /// around it and the usings of each, and the file's usings (global usings are the compilation's). Null when the
    /// class or a containing type could add names of its own (a base class other than <c>object</c>, which may bring
    /// nested types); whether one declares a nested type of the name is checked per name in <see cref="MayShare(string)"/>.
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

        var key = new StringBuilder();
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

    private static void AppendAll<T>(StringBuilder key, SyntaxList<T> nodes)
        where T : SyntaxNode
    {
        foreach (T node in nodes)
        {
            key.Append(node.ToString()).Append(';');
        }
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
    /// Whether the type, and every type in it (element, type argument, container), is accessible from the process.
    /// Speculative binding gives an inaccessible type (a private or protected nested type of another class) as the type
    /// itself, where binding the declaration gives an error type: such a signature is left to the symbol.
    /// </summary>
    private bool IsAccessible(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => IsAccessible(array.ElementType),
        IPointerTypeSymbol pointer => IsAccessible(pointer.PointedAtType),
        INamedTypeSymbol named => model.Compilation.IsSymbolAccessibleWithin(named.OriginalDefinition, process)
            && named.TypeArguments.All(IsAccessible)
            && (named.ContainingType is not { } outer || IsAccessible(outer)),
        _ => true,
    };

    /// <summary>Whether the type, or a type in it (element, type argument), did not bind.</summary>
    private static bool ContainsError(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsError(array.ElementType),
        IPointerTypeSymbol pointer => ContainsError(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsError) || (named.ContainingType is { } outer && ContainsError(outer)),
        _ => false,
    };
}
