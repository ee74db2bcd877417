using SessionGen.Generator.Helpers;

namespace SessionGen.Generator.Model;

/// <summary>
/// Where a process's generated code goes, as one value (after CommunityToolkit.Mvvm's <c>HierarchyInfo</c>): the
/// namespace and the containing types it is re-declared in, and the hint names of its files.
/// </summary>
/// <param name="FileNameHint">The process's name with its namespace and containing types (<c>Sample.Outer+Counter</c>), unique per process.</param>
/// <param name="Namespace">The namespace, empty for the global namespace.</param>
/// <param name="ContainingTypes">Outermost first: the declarations the generated partial is nested in.</param>
/// <param name="ClassName">The process class's name.</param>
/// <param name="FileScopedNamespace">
/// The language version allows <c>namespace N;</c> (C# 10): the generated files then use it, one indentation level
/// less on every line (a sixth of a process's generated text was indentation, issue 16's sixth round).
/// </param>
internal sealed record HierarchyModel(
    string FileNameHint,
    string Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string ClassName,
    bool FileScopedNamespace)
{
    /// <summary>The main generated file: members, messages, client and dispatch table.</summary>
    public string HintName => FileNameHint + ".SessionGen.g.cs";

    /// <summary>The file of JSON readers for SessionGen.AspNetCore.</summary>
    public string HttpHintName => FileNameHint + ".SessionGen.Http.g.cs";
}
