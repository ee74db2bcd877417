using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>Builds the compilations the generator runs on: a library, latest C#, nullable enabled.</summary>
internal static class TestCompilation
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilationOptions Options { get; } = WithTestDefaults(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>
    /// Nullable enabled; documentation comments are checked (as in a project with GenerateDocumentationFile),
    /// except CS1591 "missing XML comment", since the test inputs themselves are not documented.
    /// </summary>
    public static CSharpCompilationOptions WithTestDefaults(CSharpCompilationOptions options) =>
        options
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem("CS1591", ReportDiagnostic.Suppress));

    public static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    public static Task<CSharpCompilation> CreateAsync(params string[] sources) => CreateAsync([], sources);

    /// <summary>A compilation that also references <paramref name="additionalReferences"/>.</summary>
    public static async Task<CSharpCompilation> CreateAsync(IEnumerable<MetadataReference> additionalReferences, params string[] sources)
    {
        IEnumerable<SyntaxTree> trees = sources.Select((source, i) => Parse(source, $"Input{i}.cs"));
        return CSharpCompilation.Create("GeneratorTestInput", trees, (await References.AllAsync()).AddRange(additionalReferences), Options);
    }
}
