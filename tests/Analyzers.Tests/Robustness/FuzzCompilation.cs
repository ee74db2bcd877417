using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Analyzers.Tests.Verification;
using SessionGen.Generator;

namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// Compiles one mutant at a time the way a build does: the real generator, then the compiler and every SessionGen
/// analyzer over the result. One base compilation and one generator driver are reused for every mutant (only the
/// mutant's tree changes), which is what keeps thousands of runs fast.
/// </summary>
internal sealed class FuzzCompilation
{
    private static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    private readonly CSharpCompilation baseCompilation;
    private readonly ImmutableArray<DiagnosticAnalyzer> analyzers;
    private GeneratorDriver driver;

    private FuzzCompilation(CSharpCompilation baseCompilation)
    {
        this.baseCompilation = baseCompilation;
        analyzers = AllAnalyzers();
        driver = CSharpGeneratorDriver.Create(
            [new SessionProcessGenerator().AsSourceGenerator()], parseOptions: ParseOptions);
    }

    public static async Task<FuzzCompilation> CreateAsync()
    {
        ImmutableArray<MetadataReference> references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))
            .Add(TestReferences.SessionGen);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);
        return new FuzzCompilation(CSharpCompilation.Create("Fuzz", [], references.Add(SharedTypes(references, options)), options));
    }

    /// <summary>The types the seeds use, compiled once into a reference: binding them again for every mutant would only cost time.</summary>
    private static MetadataReference SharedTypes(ImmutableArray<MetadataReference> references, CSharpCompilationOptions options)
    {
        CSharpCompilation shared = CSharpCompilation.Create(
            "Fuzz.Shared",
            [CSharpSyntaxTree.ParseText(FuzzSeeds.SharedTypes, ParseOptions), CSharpSyntaxTree.ParseText(TestReferences.AspNetCoreStandIn, ParseOptions)],
            references,
            options);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = shared.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>Every analyzer of SessionGen.Analyzers, found by reflection so a new rule is fuzzed without a change here.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(SessionGenAnalyzer).Assembly.GetTypes()
            .Where(static type => !type.IsAbstract && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(static type => type.FullName, StringComparer.Ordinal)
            .Select(static type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>Runs generator, compiler and analyzers on <paramref name="source"/> and collects what went wrong.</summary>
    public async Task<FuzzOutcome> RunAsync(string source)
    {
        SyntaxTree mutant = CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Mutant.cs");
        CSharpCompilation compilation = baseCompilation.AddSyntaxTrees(mutant);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        var analyzerExceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => { lock (analyzerExceptions) { analyzerExceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await output.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();

        GeneratorRunResult run = driver.GetRunResult().Results[0];
        var problems = new List<string>();
        problems.AddRange(generatorDiagnostics.Where(static d => d.Id is "CS8784" or "CS8785").Select(static d => d.ToString()));
        if (run.Exception is { } generatorException)
        {
            problems.Add("generator threw: " + generatorException);
        }

        problems.AddRange(analyzerExceptions);
        problems.AddRange(diagnostics.Where(static d => d.Id == "AD0001").Select(static d => d.ToString()));
        List<Diagnostic> userErrors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !IsGenerated(tree)).ToList();
        var knownDefects = new HashSet<string>();
        foreach (Diagnostic error in diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && IsGenerated(tree)))
        {
            if (KnownGeneratorDefects.Explain(error, userErrors, mutant) is { } defect)
            {
                knownDefects.Add(defect);
            }
            else
            {
                problems.Add("error in generated code: " + error);
            }
        }

        return new FuzzOutcome(
            problems,
            knownDefects,
            userErrors,
            diagnostics.Where(static d => d.Id.StartsWith("SGEN", StringComparison.Ordinal)).Select(static d => d.Id).ToHashSet(),
            run.GeneratedSources.Length > 0,
            run.GeneratedSources.Select(static generated => generated.SourceText.ToString()).ToList());
    }

    /// <summary>
    /// The SGEN diagnostics that <paramref name="rules"/> report on <paramref name="source"/> after the generator ran,
    /// each as id, file, span and message, in order (to compare two ways of running the rules).
    /// </summary>
    public async Task<IReadOnlyList<string>> RuleDiagnosticsAsync(string source, ImmutableArray<DiagnosticAnalyzer> rules)
    {
        SyntaxTree mutant = CSharpSyntaxTree.ParseText(source, ParseOptions, path: "Mutant.cs");
        driver = driver.RunGeneratorsAndUpdateCompilation(baseCompilation.AddSyntaxTrees(mutant), out Compilation output, out _);
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await output.WithAnalyzers(rules, options).GetAnalyzerDiagnosticsAsync();
        return diagnostics
            .Select(static d => $"{d.Id} {d.Location.SourceTree?.FilePath}{d.Location.SourceSpan} {d.Severity} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsGenerated(SyntaxTree tree) => tree.FilePath != "Mutant.cs";
}
