using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Generator.Parsing;

namespace SessionGen.Analyzers.Durability;

/// <summary>
/// What the generator stores of a durable process, as the durability rules see it (the same choice as the
/// generator's <c>DurableStateParser</c>): every instance field not <c>[Transient]</c>, and every auto-property
/// whose backing field is not <c>[field: Transient]</c>; of these, the ones without a <c>set</c> cannot be restored.
/// </summary>
internal static class DurableProcesses
{
    /// <summary>A stored member: the field, or the auto-property (then <see cref="Restorable"/> says whether it has a <c>set</c>).</summary>
    internal readonly struct StoredMember
    {
        public StoredMember(ISymbol member, ITypeSymbol type, bool restorable)
        {
            Member = member;
            Type = type;
            Restorable = restorable;
        }

        public ISymbol Member { get; }

        public ITypeSymbol Type { get; }

        public bool Restorable { get; }
    }

    /// <summary>Whether <paramref name="type"/> is a <c>[SessionProcess]</c> with <c>Durable = true</c>; null when it is no process.</summary>
    public static bool? IsDurable(INamedTypeSymbol type, SessionGenTypes types)
    {
        if (!DeclaredAttributes.MayHaveAny(type))
        {
            return null;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, types.SessionProcess))
            {
                continue;
            }

            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Durable" && argument.Value.Value is true)
                {
                    return true;
                }
            }

            return false;
        }

        return null;
    }

    public static bool IsTransient(IFieldSymbol field)
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

    /// <summary>The user's fields and auto-properties of a durable process that are stored.</summary>
    public static IEnumerable<StoredMember> StoredMembers(INamedTypeSymbol process)
    {
        foreach (ISymbol member in process.GetMembers())
        {
            if (member is not IFieldSymbol field || field.IsStatic || field.IsConst || IsTransient(field))
            {
                continue;
            }

            if (field.AssociatedSymbol is IPropertySymbol property)
            {
                if (!property.IsIndexer && GeneratedFiles.IsDeclaredByUser(property))
                {
                    yield return new StoredMember(property, property.Type, property.SetMethod is { IsInitOnly: false });
                }

                continue;
            }

            if (field.AssociatedSymbol is null && !field.IsImplicitlyDeclared && field.Name != GeneratedNames.ContextField
                && GeneratedFiles.IsDeclaredByUser(field))
            {
                yield return new StoredMember(field, field.Type, restorable: true);
            }
        }
    }

    /// <summary>"field 'x'" or "property 'X'", for messages.</summary>
    public static string Describe(ISymbol member) => (member is IPropertySymbol ? "Property '" : "Field '") + member.Name + "'";
}
