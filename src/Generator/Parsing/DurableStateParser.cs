using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>
/// Reads what a durable process stores: every instance field that is not <c>[Transient]</c> (private and
/// <c>readonly</c> ones included), and every auto-property with a <c>set</c> accessor (through the property). A
/// get-only or <c>init</c> auto-property cannot be set after construction, so it is left out and SGEN0034 asks the
/// user to make it a field, give it a <c>set</c>, or mark it <c>[field: Transient]</c>.
/// </summary>
internal static class DurableStateParser
{
    public static DurableModel? Parse(INamedTypeSymbol process, ImmutableArray<AttributeData> attributes, CancellationToken cancellationToken)
    {
        if (!IsDurable(attributes))
        {
            return null;
        }

        var fields = new List<StoredFieldModel>();
        foreach (ISymbol member in process.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is not IFieldSymbol field || field.IsStatic || field.IsConst || IsTransient(field)
                || !CanBeTypeArgument(field.Type))
            {
                continue;
            }

            if (field.AssociatedSymbol is IPropertySymbol property)
            {
                // An auto-property's backing field, which carries [field: Transient].
                if (property.SetMethod is { IsInitOnly: false } && !property.IsIndexer)
                {
                    fields.Add(new StoredFieldModel(property.Name, TypeNames.Of(property.Type), IsReadOnly: false));
                }

                continue;
            }

            // Other compiler-made fields (a field-like event's delegate) are not the user's variables, nor is the
            // generated code's own sessionContext (never in the generator's input, but in the analyzers').
            if (field.AssociatedSymbol is not null || field.IsImplicitlyDeclared || field.Name == GeneratedNames.ContextField)
            {
                continue;
            }

            fields.Add(new StoredFieldModel(field.Name, TypeNames.Of(field.Type), field.IsReadOnly));
        }

        return new DurableModel(fields.ToEquatableArray(), IsReachableFromItsAssembly(process));
    }

    private static bool IsReachableFromItsAssembly(INamedTypeSymbol process)
    {
        for (INamedTypeSymbol? type = process; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <c>[SessionProcess(Durable = true)]</c>.</summary>
    public static bool IsDurable(ImmutableArray<AttributeData> attributes)
    {
        if (attributes.Length == 0)
        {
            return false;
        }

        foreach (KeyValuePair<string, TypedConstant> argument in attributes[0].NamedArguments)
        {
            if (argument.Key == "Durable" && argument.Value.Value is true)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTransient(IFieldSymbol field)
    {
        foreach (AttributeData attribute in field.GetAttributes())
        {
            if (KnownNames.Is(attribute.AttributeClass, KnownNames.TransientAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Pointers cannot be the <c>T</c> of <c>Write&lt;T&gt;</c> (SGEN0030 reports them), and a type that does not bind
    /// (the compiler reports it) would only add errors in the generated file: the generated code leaves both out.
    /// </summary>
    private static bool CanBeTypeArgument(ITypeSymbol type) => type switch
    {
        IPointerTypeSymbol or IFunctionPointerTypeSymbol or { IsRefLikeType: true } or { TypeKind: TypeKind.Error } => false,
        IArrayTypeSymbol array => CanBeTypeArgument(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.All(CanBeTypeArgument),
        _ => true,
    };
}
