using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SessionGen.Analyzers.Durability;

/// <summary>
/// The types the compilation's System.Text.Json source-generated contexts (<c>JsonSerializerContext</c> subclasses in
/// source) can write (SGEN0031): each <c>[JsonSerializable(typeof(T))]</c> type, and, to stay on the side of no false
/// warnings, what the generator makes for it too (element types, type arguments, the types of its public properties and
/// fields). A collection of a listed type is not listed by that: System.Text.Json wants it listed itself.
/// </summary>
internal sealed class SerializerContexts
{
    private const int MostTypes = 5000;
    private readonly HashSet<ITypeSymbol> types = new(SymbolEqualityComparer.Default);

    private SerializerContexts(string names)
    {
        Names = names;
    }

    /// <summary>The contexts' names, for the message.</summary>
    public string Names { get; }

    /// <summary>The contexts in the compilation's own source, or null when it has none (the rule then says nothing).</summary>
    public static SerializerContexts? Find(Compilation compilation)
    {
        INamedTypeSymbol? contextType = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        INamedTypeSymbol? serializable = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        if (contextType is null || serializable is null)
        {
            return null;
        }

        var contexts = new List<INamedTypeSymbol>();
        Collect(compilation.Assembly.GlobalNamespace, contextType, contexts);
        var listed = new List<ITypeSymbol>();
        var names = new List<string>();
        foreach (INamedTypeSymbol context in contexts)
        {
            foreach (AttributeData attribute in context.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, serializable)
                    && attribute.ConstructorArguments.Length == 1
                    && attribute.ConstructorArguments[0].Value is ITypeSymbol type)
                {
                    listed.Add(type);
                }
            }

            names.Add(context.Name);
        }

        if (contexts.Count == 0)
        {
            return null;
        }

        var result = new SerializerContexts(string.Join("', '", names));
        foreach (ITypeSymbol type in listed)
        {
            result.Add(type);
        }

        return result;
    }

    /// <summary>Whether a value of <paramref name="type"/> can be written: a primitive or string, or a type the contexts make.</summary>
    public bool CanWrite(ITypeSymbol type)
    {
        if (IsTrivial(type) || types.Count >= MostTypes)
        {
            return true;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && IsTrivial(nullable.TypeArguments[0]))
        {
            return true;
        }

        return types.Contains(type);
    }

    private static bool IsTrivial(ITypeSymbol type) =>
        type.SpecialType is >= SpecialType.System_Object and <= SpecialType.System_String or SpecialType.System_DateTime
        || type.TypeKind is TypeKind.Dynamic or TypeKind.TypeParameter or TypeKind.Error;

    private void Add(ITypeSymbol type)
    {
        if (types.Count >= MostTypes || !types.Add(type))
        {
            return;
        }

        switch (type)
        {
            case IArrayTypeSymbol array:
                Add(array.ElementType);
                return;
            case INamedTypeSymbol named:
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    Add(argument);
                }

                if (named.SpecialType != SpecialType.None || named.TypeKind == TypeKind.Enum)
                {
                    return;
                }

                for (INamedTypeSymbol? current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
                {
                    foreach (ISymbol member in current.GetMembers())
                    {
                        if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, IsIndexer: false } property)
                        {
                            Add(property.Type);
                        }
                        else if (member is IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } field)
                        {
                            Add(field.Type);
                        }
                    }
                }

                return;
        }
    }

    private static void Collect(INamespaceOrTypeSymbol container, INamedTypeSymbol contextType, List<INamedTypeSymbol> contexts)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol space)
            {
                Collect(space, contextType, contexts);
            }
            else if (member is INamedTypeSymbol type)
            {
                for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(current, contextType))
                    {
                        contexts.Add(type);
                        break;
                    }
                }

                Collect(type, contextType, contexts);
            }
        }
    }
}
