namespace SessionGen.Generator.Model;

/// <summary>A type a nested process sits in, re-declared <c>partial</c> around the generated code.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingTypeModel(string Keyword, string Name);
