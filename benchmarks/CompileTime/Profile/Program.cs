using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// In-process profile of the generator and the analyzers over the project that ../write-project.sh writes: the
// same work csc's -p:ReportAnalyzer=true times, without MSBuild around it, so one change can be tried in seconds.
// The first round is cold (this process JIT-compiles the generator, the analyzers and Roslyn's paths they use);
// later rounds are warm. Usage: dotnet run -c Release -- PROJECT_DIR RUNTIME_DLL [ROUNDS] [generator]
string directory = args[0];
string runtime = args[1];
int rounds = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
bool generatorOnly = args.Length > 3 && args[3] == "generator";

const string GlobalUsings = """
    global using System;
    global using System.Collections.Generic;
    global using System.IO;
    global using System.Linq;
    global using System.Net.Http;
    global using System.Threading;
    global using System.Threading.Tasks;
    """;
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
string[] files = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
    .Where(static path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
    .ToArray();
int processes = files.Count(static path => Path.GetFileName(path).StartsWith("Process", StringComparison.Ordinal));
SyntaxTree[] trees = files
    .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
    .Append(CSharpSyntaxTree.ParseText(GlobalUsings, parseOptions, "GlobalUsings.g.cs"))
    .ToArray();
MetadataReference[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
    .Split(Path.PathSeparator)
    .Append(runtime)
    .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path))
    .ToArray();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(SessionGen.Analyzers.Infrastructure.SessionGenAnalyzer).Assembly.GetTypes()
    .Where(static type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
    .Select(static type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
    .ToImmutableArray();

Console.WriteLine($"{processes} processes, {trees.Length} files, {analyzers.Length} analyzers; load average {File.ReadAllText("/proc/loadavg").Trim()}");
for (int round = 0; round < rounds; round++)
{
    // A fresh compilation each round, so no round reuses another's bound symbols.
    CSharpCompilation compilation = CSharpCompilation.Create("CompileTime", trees, references, options);
    _ = compilation.GetDeclarationDiagnostics(); // what csc has done before generators and analyzers run

    // CPU time besides wall time: on a loaded machine the wall clock counts other processes' turns too.
    TimeSpan generatorCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var generatorClock = Stopwatch.StartNew();
    GeneratorDriver driver = CSharpGeneratorDriver.Create(
        [new SessionGen.Generator.SessionProcessGenerator().AsSourceGenerator()],
        parseOptions: parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
    driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
    generatorClock.Stop();
    generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorCpu;
    TimeSpan generatorTime = driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime;

    // Roslyn parses the added sources inside the generator's timed run: how much of it is that parse.
    GeneratorRunResult run = driver.GetRunResult().Results[0];
    var parseClock = Stopwatch.StartNew();
    long generatedChars = 0;
    foreach (GeneratedSourceResult source in run.GeneratedSources)
    {
        generatedChars += source.SourceText.Length;
        _ = CSharpSyntaxTree.ParseText(source.SourceText, parseOptions).GetRoot();
    }

    parseClock.Stop();
    Console.WriteLine($"    generated {run.GeneratedSources.Length} files, {generatedChars / 1024} KiB; parsing them again takes {parseClock.ElapsedMilliseconds} ms");

    if (generatorOnly)
    {
        Console.WriteLine($"round {round + 1}{(round == 0 ? " (cold)" : "")}: generator {generatorTime.TotalMilliseconds:F0} ms ({generatorTime.TotalMilliseconds / processes:F2} ms/process, cpu {generatorCpu.TotalMilliseconds:F0} ms)");
        continue;
    }

    _ = output.GetDiagnostics(); // csc binds every body before it runs the analyzers' end actions; keep that out of their time
    TimeSpan analyzerCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var analyzerClock = Stopwatch.StartNew();
    var withAnalyzers = new CompilationWithAnalyzers(output, analyzers, new CompilationWithAnalyzersOptions(
        new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    AnalysisResult result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
    analyzerClock.Stop();
    analyzerCpu = Process.GetCurrentProcess().TotalProcessorTime - analyzerCpu;
    ImmutableArray<Diagnostic> diagnostics = result.GetAllDiagnostics();

    double analyzerTotal = 0;
    var perAnalyzer = new List<(string Name, double Ms)>();
    foreach (DiagnosticAnalyzer analyzer in analyzers)
    {
        double ms = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
        analyzerTotal += ms;
        perAnalyzer.Add((analyzer.GetType().Name, ms));
    }

    Console.WriteLine(
        $"round {round + 1}{(round == 0 ? " (cold)" : "")}: generator {generatorTime.TotalMilliseconds:F0} ms ({generatorTime.TotalMilliseconds / processes:F2} ms/process, wall {generatorClock.ElapsedMilliseconds} ms, cpu {generatorCpu.TotalMilliseconds:F0} ms); "
        + $"analyzers {analyzerTotal:F0} ms ({analyzerTotal / processes:F2} ms/process, wall {analyzerClock.ElapsedMilliseconds} ms, cpu {analyzerCpu.TotalMilliseconds:F0} ms); {diagnostics.Length} diagnostics");
    if (round == 0 || round == rounds - 1)
    {
        foreach ((string name, double ms) in perAnalyzer.OrderByDescending(static entry => entry.Ms).Take(8))
        {
            Console.WriteLine($"    {ms,8:F1} ms  {name}");
        }
    }
}
