using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>One run of the generator over some sources: what it produced and the compilation with its output.</summary>
internal sealed class GeneratorRun
{
    private GeneratorRun(Compilation input, Compilation output, GeneratorRunResult result)
    {
        Input = input;
        Output = output;
        Result = result;
    }

    public Compilation Input { get; }

    public Compilation Output { get; }

    public GeneratorRunResult Result { get; }

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.GeneratedSources;

    public static Task<GeneratorRun> RunAsync(params string[] sources) => RunAsync([], sources);

    /// <summary>A run over a compilation that also references <paramref name="additionalReferences"/>.</summary>
    public static async Task<GeneratorRun> RunAsync(IEnumerable<MetadataReference> additionalReferences, params string[] sources)
    {
        Compilation input = await TestCompilation.CreateAsync(additionalReferences, sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new SessionProcessGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);
        return new GeneratorRun(input, output, driver.GetRunResult().Results.Single());
    }

    /// <summary>The single generated file's text.</summary>
    public string SingleText()
    {
        Assert.True(GeneratedSources.Length == 1, $"expected one generated file, got {GeneratedSources.Length}: {string.Join(", ", GeneratedSources.Select(static s => s.HintName))}");
        return GeneratedSources[0].SourceText.ToString();
    }

    /// <summary>The generator did not throw and reported nothing of its own.</summary>
    public void AssertGeneratorSucceeded()
    {
        Assert.Null(Result.Exception);
        Assert.Empty(Result.Diagnostics);
    }

    /// <summary>The generator succeeded and the user's code plus the generated code compile without errors or warnings.</summary>
    public void AssertCompilesCleanly()
    {
        AssertGeneratorSucceeded();
        Diagnostic[] problems = Output.GetDiagnostics()
            .Where(static diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        Assert.True(problems.Length == 0, Describe("the compilation has errors or warnings", problems));
    }

    /// <summary>
    /// The generator succeeded, no error or warning is located in a generated file, and the user's own files
    /// have no error or warning that they did not already have before the generator ran.
    /// </summary>
    public void AssertAddsNoProblems()
    {
        AssertGeneratorSucceeded();
        HashSet<string> before = Input.GetDiagnostics()
            .Where(static diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .Select(static diagnostic => diagnostic.ToString())
            .ToHashSet();
        Diagnostic[] added = Output.GetDiagnostics()
            .Where(static diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .Where(diagnostic => !before.Contains(diagnostic.ToString()))
            .ToArray();
        Assert.True(added.Length == 0, Describe("the generated code brought errors or warnings", added));
    }

    private string Describe(string what, IEnumerable<Diagnostic> diagnostics)
    {
        var text = new System.Text.StringBuilder(what).Append(':').AppendLine();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            text.AppendLine(diagnostic.ToString());
        }

        foreach (GeneratedSourceResult source in GeneratedSources)
        {
            text.AppendLine($"--- {source.HintName}").AppendLine(source.SourceText.ToString());
        }

        return text.ToString();
    }
}
