using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph through every instance field (so compiler-generated backing fields and private
/// fields too) and every element of anything enumerable, and records each value that is Roslyn state a model
/// must never hold, or of a type that is neither a plain value nor a type of the generator (or of these tests).
/// </summary>
internal sealed class ModelGraphWalker
{
    /// <summary>Roslyn types that break caching and pin compilations when kept in a model.</summary>
    public static readonly Type[] ForbiddenTypes =
    [
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference),
        typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(SyntaxTree), typeof(AttributeData),
        typeof(TypedConstant),
    ];

    private readonly HashSet<object> seen = new(ReferenceEqualityComparer.Instance);

    public List<string> Violations { get; } = [];

    /// <summary>The runtime types of every value met, forbidden ones included.</summary>
    public HashSet<Type> VisitedTypes { get; } = [];

    public static ModelGraphWalker Walk(object? root)
    {
        var walker = new ModelGraphWalker();
        walker.Visit(root, root?.GetType().Name ?? "null");
        return walker;
    }

    private void Visit(object? value, string path)
    {
        if (value is null)
        {
            return;
        }

        Type type = value.GetType();
        VisitedTypes.Add(type);
        if (ForbiddenTypes.FirstOrDefault(forbidden => forbidden.IsAssignableFrom(type)) is { } match)
        {
            Violations.Add($"{path} is a {match.Name} ({type.FullName})");
            return;
        }

        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
        {
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
            {
                Visit(item, $"{path}[{index++}]");
            }

            return;
        }

        if (type.Assembly != typeof(SessionProcessGenerator).Assembly && type.Assembly != typeof(ModelGraphWalker).Assembly)
        {
            Violations.Add($"{path} is a {type.FullName}, which is not a model type nor a plain value");
            return;
        }

        for (Type? declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (FieldInfo field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Visit(field.GetValue(value), $"{path}.{FieldName(field)}");
            }
        }
    }

    /// <summary>A property's name for its compiler-generated backing field, else the field's name.</summary>
    private static string FieldName(FieldInfo field) =>
        field.IsDefined(typeof(CompilerGeneratedAttribute)) && field.Name.StartsWith('<') && field.Name.IndexOf('>') is > 1 and var end
            ? field.Name[1..end]
            : field.Name;
}
