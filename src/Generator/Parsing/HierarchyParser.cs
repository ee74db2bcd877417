using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionGen.Generator.Helpers;
using SessionGen.Generator.Model;

namespace SessionGen.Generator.Parsing;

/// <summary>Reads where a process's generated code goes: its namespace, containing types and file name.</summary>
internal static class HierarchyParser
{
    /// <param name="process">The process class.</param>
    /// <param name="options">The parse options of the file it is declared in: a file-scoped namespace needs C# 10.</param>
    public static HierarchyModel Parse(INamedTypeSymbol process, ParseOptions options) => new(
        FileNameHint: FileNameHint(process),
        Namespace: process.ContainingNamespace.IsGlobalNamespace ? "" : process.ContainingNamespace.ToDisplayString(),
        ContainingTypes: ContainingTypes(process),
        ClassName: process.Name,
        FileScopedNamespace: options is CSharpParseOptions { LanguageVersion: >= LanguageVersion.CSharp10 });

    private static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol process)
    {
        var types = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? type = process.ContainingType; type is not null; type = type.ContainingType)
        {
            string keyword = type switch
            {
                { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
                { IsRecord: true } => "record",
                { TypeKind: TypeKind.Struct } => "struct",
                { TypeKind: TypeKind.Interface } => "interface",
                _ => "class",
            };
            types.Insert(0, new ContainingTypeModel(keyword, type.Name));
        }

        return types.ToEquatableArray();
    }

    private static string FileNameHint(INamedTypeSymbol process)
    {
        var name = new StringBuilder(process.Name);
        for (INamedTypeSymbol? type = process.ContainingType; type is not null; type = type.ContainingType)
        {
            name.Insert(0, type.Name + "+");
        }

        // Names as declared, without the '@' of escaped keywords, which a hint name cannot hold.
        for (INamespaceSymbol? space = process.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            name.Insert(0, space.Name + ".");
        }

        return name.ToString();
    }
}
