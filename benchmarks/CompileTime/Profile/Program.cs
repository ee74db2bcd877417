using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Tracing;
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

// PROFILE_RULES_APART=1: each rule as an analyzer of its own (the layout before SessionGenRules), so PROFILE_RULE_CPU=1
// times every rule; otherwise the analyzers the compiler loads (those with [DiagnosticAnalyzer]: SessionGenRules).
bool rulesApart = Environment.GetEnvironmentVariable("PROFILE_RULES_APART") == "1";
ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(SessionGen.Analyzers.Infrastructure.SessionGenAnalyzer).Assembly.GetTypes()
    .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
        && (rulesApart ? typeof(SessionGen.Analyzers.Infrastructure.SessionGenAnalyzer).IsAssignableFrom(type) : type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null))
    .Select(static type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
    .OrderBy(static analyzer => analyzer.GetType().Name, StringComparer.Ordinal)
    .ToImmutableArray();
// PROFILE_RULE_CPU=1: every rule's callbacks timed by thread CPU (TimedRule), printed per rule each round.
bool ruleCpu = Environment.GetEnvironmentVariable("PROFILE_RULE_CPU") == "1";
if (ruleCpu)
{
    // Two rules that do nothing (a symbol action on every method, one on every type) give the floor: what a callback
    // costs the driver and this timing, with no work in it.
    analyzers = analyzers.Add(new NothingRule(SymbolKind.Method)).Add(new NothingRule(SymbolKind.NamedType))
        .Select(static analyzer => (DiagnosticAnalyzer)new TimedRule(analyzer)).ToImmutableArray();
}

Console.WriteLine($"{processes} processes, {trees.Length} files, {analyzers.Length} analyzers; load average {File.ReadAllText("/proc/loadavg").Trim()}");
using var jit = new JitListener();
for (int round = 0; round < rounds; round++)
{
    // A fresh compilation each round, so no round reuses another's bound symbols.
    CSharpCompilation compilation = CSharpCompilation.Create("CompileTime", trees, references, options);
    if (Environment.GetEnvironmentVariable("PROFILE_CSC_ORDER") != "1")
    {
        // Declaring every symbol first keeps that work out of the generator's time. csc runs generators before it
        // declares anything (PROFILE_CSC_ORDER=1 does the same), so there the generator's first questions pay for it.
        _ = compilation.GetDeclarationDiagnostics();
    }

    // CPU time besides wall time: on a loaded machine the wall clock counts other processes' turns too.
    TimeSpan generatorCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var generatorClock = Stopwatch.StartNew();
    // PROFILE_PROBE=1 runs a generator that only finds the [SessionProcess] classes (as SessionGen's does) before
    // SessionGen's: it pays what the compilation's first questions cost, so SessionGen's figure is its own work.
    bool probe = Environment.GetEnvironmentVariable("PROFILE_PROBE") == "1";
    if (Environment.GetEnvironmentVariable("PROFILE_THREAD_CPU") == "1")
    {
        // PROFILE_THREAD_CPU=1: the probe alone first (it pays the compilation's first questions), then SessionGen's
        // generator alone over the same compilation, timed by this thread's CPU time: the driver runs a generator on
        // the calling thread, and a thread's CPU time is what a loaded machine inflates least (other processes' turns
        // and the collector's threads are not in it).
        CSharpGeneratorDriver.Create([new ProbeGenerator().AsSourceGenerator()], parseOptions: parseOptions).RunGenerators(compilation);
        TimeSpan threadCpu = ThreadCpu.Now();
        GeneratorDriver alone = CSharpGeneratorDriver.Create([new SessionGen.Generator.SessionProcessGenerator().AsSourceGenerator()], parseOptions: parseOptions);
        alone = alone.RunGenerators(compilation);
        threadCpu = ThreadCpu.Now() - threadCpu;
        Console.WriteLine($"round {round + 1}{(round == 0 ? " (cold)" : "")}: SessionGen generator after the probe: {alone.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds:F0} ms, thread cpu {threadCpu.TotalMilliseconds:F0} ms ({threadCpu.TotalMilliseconds / processes:F2} ms/process)");
        continue;
    }

    ISourceGenerator[] generators = probe
        ? [new ProbeGenerator().AsSourceGenerator(), new SessionGen.Generator.SessionProcessGenerator().AsSourceGenerator()]
        : [new SessionGen.Generator.SessionProcessGenerator().AsSourceGenerator()];
    GeneratorDriver driver = CSharpGeneratorDriver.Create(
        generators,
        parseOptions: parseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: Environment.GetEnvironmentVariable("PROFILE_STEPS") == "1"));
    driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
    generatorClock.Stop();
    generatorCpu = Process.GetCurrentProcess().TotalProcessorTime - generatorCpu;
    TimeSpan generatorTime = driver.GetTimingInfo().GeneratorTimes[probe ? 1 : 0].ElapsedTime;
    if (probe)
    {
        Console.WriteLine($"    probe generator (first questions): {driver.GetTimingInfo().GeneratorTimes[0].ElapsedTime.TotalMilliseconds:F0} ms");
    }
    Console.WriteLine($"    JIT during the generator: {jit.Report()}");

    // Roslyn parses the added sources inside the generator's timed run: how much of it is that parse.
    GeneratorRunResult run = driver.GetRunResult().Results[probe ? 1 : 0];
    // PROFILE_STEPS=1: the time of each step (Roslyn's tracking adds a little of its own).
    foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> step in run.TrackedSteps.Concat(run.TrackedOutputSteps))
    {
        Console.WriteLine($"    step {step.Key}: {step.Value.Sum(static s => s.ElapsedTime.TotalMilliseconds):F0} ms over {step.Value.Length} runs");
    }

    var parseClock = Stopwatch.StartNew();
    long generatedChars = 0;
    foreach (GeneratedSourceResult source in run.GeneratedSources)
    {
        generatedChars += source.SourceText.Length;
        if (Environment.GetEnvironmentVariable("PROFILE_PARSE") == "1")
        {
            _ = CSharpSyntaxTree.ParseText(source.SourceText, parseOptions).GetRoot();
        }
    }

    parseClock.Stop();
    // PROFILE_DUMP=DIR writes the generated files there, to compare two generators' output byte for byte.
    if (Environment.GetEnvironmentVariable("PROFILE_DUMP") is { Length: > 0 } dump)
    {
        Directory.CreateDirectory(dump);
        foreach (GeneratedSourceResult source in run.GeneratedSources)
        {
            File.WriteAllText(Path.Combine(dump, source.HintName), source.SourceText.ToString());
        }
    }

    Console.WriteLine($"    generated {run.GeneratedSources.Length} files, {generatedChars / 1024} KiB; parsing them again takes {parseClock.ElapsedMilliseconds} ms");

    if (generatorOnly)
    {
        Console.WriteLine($"round {round + 1}{(round == 0 ? " (cold)" : "")}: generator {generatorTime.TotalMilliseconds:F0} ms ({generatorTime.TotalMilliseconds / processes:F2} ms/process, cpu {generatorCpu.TotalMilliseconds:F0} ms)");
        continue;
    }

    if (Environment.GetEnvironmentVariable("PROFILE_NO_BIND") != "1")
    {
        // csc binds every body before it runs the analyzers' end actions; keep that out of their time.
        // PROFILE_NO_BIND=1 leaves it out: then whichever rule asks first pays for the binding it triggers.
        _ = output.GetDiagnostics();
    }
    jit.Report();
    foreach (TimedRule timed in analyzers.OfType<TimedRule>())
    {
        timed.Reset();
    }

    int analysisThread = Environment.CurrentManagedThreadId;
    TimeSpan gcPause = GC.GetTotalPauseDuration();
    int gcCount = -GC.CollectionCount(0);
    TimeSpan analysisThreadCpu = ThreadCpu.Now();
    TimeSpan analyzerCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var analyzerClock = Stopwatch.StartNew();
    var withAnalyzers = new CompilationWithAnalyzers(output, analyzers, new CompilationWithAnalyzersOptions(
        new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    if (Environment.GetEnvironmentVariable("PROFILE_DECLARE_COPY") == "1")
    {
        // The driver analyses its own copy of the compilation (with an event queue). csc declares the compilation it
        // analyses (signatures, attributes) before the analyzers' symbol actions run; doing the same here keeps that
        // binding out of the first rule to ask, as in csc. Not timed.
        _ = withAnalyzers.Compilation.GetDeclarationDiagnostics();
        analysisThreadCpu = ThreadCpu.Now();
        analyzerCpu = Process.GetCurrentProcess().TotalProcessorTime;
        analyzerClock.Restart();
    }

    AnalysisResult result = withAnalyzers.GetAnalysisResultAsync(CancellationToken.None).GetAwaiter().GetResult();
    analysisThreadCpu = ThreadCpu.Now() - analysisThreadCpu;
    gcCount += GC.CollectionCount(0);
    analyzerClock.Stop();
    if (ruleCpu)
    {
        // Thread CPU of the rules' own callbacks, and of the whole analysis call on this thread (the driver's work too;
        // without concurrent analysis the driver runs the callbacks on the calling thread).
        List<TimedRule> timedRules = analyzers.OfType<TimedRule>().ToList();
        double rulesMs = timedRules.Sum(static rule => rule.Ticks) / 10_000.0;
        Console.WriteLine($"    gc during the analysis: {gcCount} collections, {(GC.GetTotalPauseDuration() - gcPause).TotalMilliseconds:F0} ms paused; inside the rules' callbacks {timedRules.Sum(static rule => rule.GcTicks) / 10_000.0:F0} ms, {timedRules.Sum(static rule => rule.Allocated) / 1024} KiB allocated");
        Console.WriteLine($"    thread cpu: rules' callbacks {rulesMs:F0} ms ({rulesMs / processes:F3} ms/process, {timedRules.Sum(static rule => rule.Callbacks)} callbacks), whole analysis call {analysisThreadCpu.TotalMilliseconds:F0} ms (thread {analysisThread} -> {Environment.CurrentManagedThreadId})");
        if (Environment.GetEnvironmentVariable("PROFILE_RULE_LIST") is { Length: > 0 } list)
        {
            // One line per rule and round: round, rule, callbacks, thread cpu ms (for scripts comparing two builds).
            File.AppendAllLines(list, timedRules.Select(rule => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{round + 1}\t{rule.Name}\t{rule.Callbacks}\t{rule.Ticks / 10_000.0:F3}\t{rule.GcTicks / 10_000.0:F3}\t{rule.Allocated}")));
        }

        foreach (TimedRule rule in timedRules.OrderByDescending(static rule => rule.Ticks).Take(round == 0 ? 12 : 5))
        {
            Console.WriteLine($"    {rule.Ticks / 10_000.0,8:F1} ms thread cpu (gc pauses inside {rule.GcTicks / 10_000.0,6:F1} ms, allocated {rule.Allocated / 1024,6} KiB) {rule.Callbacks,6} callbacks  {rule.Name}");
        }
    }

    Console.WriteLine($"    JIT during the analyzers: {jit.Report()}");
    analyzerCpu = Process.GetCurrentProcess().TotalProcessorTime - analyzerCpu;
    ImmutableArray<Diagnostic> diagnostics = result.GetAllDiagnostics();

    double analyzerTotal = 0;
    var perAnalyzer = new List<(string Name, double Ms)>();
    foreach (DiagnosticAnalyzer analyzer in analyzers)
    {
        double ms = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalMilliseconds;
        analyzerTotal += ms;
        perAnalyzer.Add((analyzer is TimedRule timed ? timed.Name : analyzer.GetType().Name, ms));
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

/// <summary>
/// Counts the methods the JIT compiles (runtime events), split into SessionGen's own (the generator's and analyzers'
/// code, which csc JIT-compiles in every cold build) and everything else (here also Roslyn, which csc has precompiled).
/// </summary>
internal sealed class JitListener : EventListener
{
    private readonly object gate = new();
    private readonly Dictionary<long, (DateTime Start, bool Own)> started = new();
    private int ownMethods;
    private int otherMethods;
    private double ownMs;
    private double otherMs;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JIT
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        long id = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("MethodID")], System.Globalization.CultureInfo.InvariantCulture);
        lock (gate)
        {
            if (e.EventName?.StartsWith("MethodJittingStarted", StringComparison.Ordinal) == true)
            {
                string space = (string)e.Payload[e.PayloadNames.IndexOf("MethodNamespace")]!;
                started[id] = (e.TimeStamp, space.StartsWith("SessionGen.", StringComparison.Ordinal));
            }
            else if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) == true && started.Remove(id, out (DateTime Start, bool Own) start))
            {
                double ms = (e.TimeStamp - start.Start).TotalMilliseconds;
                if (start.Own)
                {
                    ownMethods++;
                    ownMs += ms;
                }
                else
                {
                    otherMethods++;
                    otherMs += ms;
                }
            }
        }
    }

    /// <summary>What was compiled since the last report (events arrive late: waits a moment first).</summary>
    public string Report()
    {
        Thread.Sleep(1500);
        lock (gate)
        {
            string text = $"SessionGen {ownMethods} methods {ownMs:F0} ms, other {otherMethods} methods {otherMs:F0} ms";
            ownMethods = otherMethods = 0;
            ownMs = otherMs = 0;
            return text;
        }
    }
}

/// <summary>Finds the <c>[SessionProcess]</c> classes and nothing more (PROFILE_PROBE=1).</summary>
internal sealed class ProbeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "SessionGen.SessionProcessAttribute",
            static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
            static (attributeContext, _) => attributeContext.TargetSymbol.Name);
        context.RegisterSourceOutput(names.Collect(), static (_, _) => { });
    }
}

/// <summary>The calling thread's CPU time (Linux, <c>CLOCK_THREAD_CPUTIME_ID</c>).</summary>
internal static class ThreadCpu
{
    public static TimeSpan Now()
    {
        _ = clock_gettime(3, out Timespec time);
        return TimeSpan.FromTicks((time.Seconds * 1_000_000_000L + time.Nanoseconds) / 100);
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out Timespec time);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

/// <summary>
/// PROFILE_RULE_CPU=1: each rule wrapped so that every callback it registers (compilation start, symbol, operation,
/// operation block start and the operation actions registered inside it, compilation end) is timed by the calling
/// thread's CPU time and counted. Roslyn's own per-analyzer figure is wall time, which a loaded machine inflates.
/// </summary>
/// <summary>A rule with a symbol action that does nothing (PROFILE_RULE_CPU=1's floor).</summary>
#pragma warning disable RS1001, RS1025, RS1026, RS1012, CS0618, RS2008 // not a shipped rule: a probe for the harness
internal sealed class NothingRule(SymbolKind kind) : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Descriptor = new("PROBE0001", "Nothing", "Nothing", "Probe", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public SymbolKind Kind { get; } = kind;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start => start.RegisterSymbolAction(static _ => { }, Kind));
    }
}

// a wrapper around rules that do all of this themselves
internal sealed class TimedRule(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
{
    public DiagnosticAnalyzer Inner { get; } = inner;

    public long Ticks;

    public int Callbacks;

    /// <summary>Garbage-collection pauses that fell inside this rule's callbacks (charged to it by any timer).</summary>
    public long GcTicks;

    /// <summary>Bytes this rule's callbacks allocated.</summary>
    public long Allocated;

    public string Name => Inner is NothingRule nothing ? $"NothingRule({nothing.Kind})" : Inner.GetType().Name;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Inner.Initialize(new Context(context, this));

    public void Reset()
    {
        Ticks = 0;
        Callbacks = 0;
        GcTicks = 0;
        Allocated = 0;
    }

    public Action<T> Wrap<T>(Action<T> action) => argument =>
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan gc = GC.GetTotalPauseDuration();
        TimeSpan start = ThreadCpu.Now();
        try
        {
            action(argument);
        }
        finally
        {
            Interlocked.Add(ref Ticks, (ThreadCpu.Now() - start).Ticks);
            Interlocked.Add(ref GcTicks, (GC.GetTotalPauseDuration() - gc).Ticks);
            Interlocked.Add(ref Allocated, GC.GetAllocatedBytesForCurrentThread() - allocated);
            Interlocked.Increment(ref Callbacks);
        }
    };

    private sealed class Context(AnalysisContext inner, TimedRule rule) : AnalysisContext
    {
        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            inner.RegisterCompilationStartAction(rule.Wrap<CompilationStartAnalysisContext>(start => action(new Start(start, rule))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationAction(rule.Wrap(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(rule.Wrap(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(rule.Wrap(action), symbolKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(rule.Wrap(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(rule.Wrap(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(rule.Wrap(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(rule.Wrap(action), operationKinds);
    }

    private sealed class Start(CompilationStartAnalysisContext inner, TimedRule rule)
        : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(rule.Wrap(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(rule.Wrap(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(rule.Wrap(action), symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw new NotSupportedException();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw new NotSupportedException();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(rule.Wrap(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(rule.Wrap(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(rule.Wrap(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(rule.Wrap(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(rule.Wrap(action));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
            inner.RegisterOperationBlockStartAction(rule.Wrap<OperationBlockStartAnalysisContext>(block => action(new BlockStart(block, rule))));
    }

    private sealed class BlockStart(OperationBlockStartAnalysisContext inner, TimedRule rule)
        : OperationBlockStartAnalysisContext(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockEndAction(rule.Wrap(action));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(rule.Wrap(action), operationKinds);
    }
}
#pragma warning restore RS1001, RS1025, RS1026, RS1012, CS0618, RS2008
