using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// Issue 3, point 4: mutate valid processes thousands of times and check that neither the generator nor any
/// analyzer throws (no CS8784, CS8785 or AD0001) and that no error ever lands in generated code.
/// Every mutant is derived from the seed and its own index alone, so a failure reproduces whatever ran in
/// parallel with it; SESSIONGEN_FUZZ_ITERATIONS and SESSIONGEN_FUZZ_SEED run it longer or differently, and
/// SESSIONGEN_FUZZ_REPORT names a file to write every failing mutant to (see docs/diagnostics/README.md).
/// </summary>
[Collection(nameof(RobustnessCollection))]
public sealed class GeneratorAndAnalyzerRobustnessTests(ITestOutputHelper output)
{
    private const int DefaultIterations = 2000;
    private const int DefaultSeed = 20261125;

    [Fact]
    public async Task Every_seed_is_a_valid_process_that_the_generator_emits_and_no_rule_flags()
    {
        FuzzCompilation compilation = await FuzzCompilation.CreateAsync();
        foreach (string seed in FuzzSeeds.Processes)
        {
            FuzzOutcome outcome = await compilation.RunAsync(seed);
            Assert.Empty(outcome.Problems);
            Assert.Empty(outcome.UserErrors);
            Assert.Empty(outcome.RuleIds);
            Assert.True(outcome.Generated);
        }
    }

    [Fact]
    public async Task Mutated_processes_never_crash_the_generator_or_an_analyzer_nor_break_generated_code()
    {
        int iterations = ReadSetting("SESSIONGEN_FUZZ_ITERATIONS", DefaultIterations);
        int seed = ReadSetting("SESSIONGEN_FUZZ_SEED", DefaultSeed);
        int workers = Math.Clamp(Environment.ProcessorCount, 1, 4);
        var failures = new ConcurrentBag<(int Iteration, string Report)>();
        var ruleIds = new ConcurrentDictionary<string, bool>();
        var knownDefects = new ConcurrentDictionary<string, int>();
        int generated = 0;
        int next = -1;
        var clock = Stopwatch.StartNew();
        TimeSpan processorTime = Process.GetCurrentProcess().TotalProcessorTime;

        // One compilation and driver per worker; the work is shared out one mutant at a time.
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            FuzzCompilation compilation = await FuzzCompilation.CreateAsync();
            for (int iteration = Interlocked.Increment(ref next); iteration < iterations; iteration = Interlocked.Increment(ref next))
            {
                string source = Mutant(seed, iteration);
                FuzzOutcome outcome = await compilation.RunAsync(source);
                foreach (string id in outcome.RuleIds)
                {
                    ruleIds.TryAdd(id, true);
                }

                foreach (string defect in outcome.KnownDefects)
                {
                    knownDefects.AddOrUpdate(defect, 1, static (_, count) => count + 1);
                }

                if (outcome.Generated)
                {
                    Interlocked.Increment(ref generated);
                }

                if (outcome.Problems.Count > 0)
                {
                    failures.Add((iteration, Report(seed, iteration, source, outcome)));
                }
            }
        })));

        if (Environment.GetEnvironmentVariable("SESSIONGEN_FUZZ_REPORT") is { Length: > 0 } reportPath)
        {
            File.WriteAllText(reportPath, string.Join(Environment.NewLine, failures.OrderBy(static failure => failure.Iteration).Select(static failure => failure.Report)));
        }

        output.WriteLine($"{iterations} mutants (seed {seed}, {workers} workers) in {clock.Elapsed.TotalSeconds:F1} s "
            + $"({(Process.GetCurrentProcess().TotalProcessorTime - processorTime).TotalSeconds:F0} s of processor time); "
            + $"generator emitted code for {generated}; rules reached: {string.Join(", ", ruleIds.Keys.Order())}");
        foreach ((string defect, int count) in knownDefects.OrderBy(static pair => pair.Key))
        {
            output.WriteLine($"known generator defect, {count} mutants: {defect}");
        }

        Assert.True(
            failures.IsEmpty,
            $"{failures.Count} of {iterations} mutants broke the generator or an analyzer; the first ones:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.OrderBy(static failure => failure.Iteration).Take(3).Select(static failure => failure.Report)));

        // A fuzzer that never gets past the parser, or never leaves the code valid, would pass without testing anything.
        Assert.InRange(generated, iterations / 10, iterations - 1);
        Assert.True(ruleIds.Count >= Math.Min(15, iterations / 50), $"the mutants reached only {ruleIds.Count} rules: {string.Join(", ", ruleIds.Keys.Order())}");
    }

    /// <summary>The mutant of one iteration: a function of the seed and the index only.</summary>
    private static string Mutant(int seed, int iteration)
    {
        var random = new Random(unchecked((seed * 1_000_003) + iteration));
        string process = FuzzSeeds.Processes[random.Next(FuzzSeeds.Processes.Length)];
        return new SourceMutator(random).Mutate(process);
    }

    private static string Report(int seed, int iteration, string source, FuzzOutcome outcome) =>
        new StringBuilder()
            .AppendLine($"--- iteration {iteration} of seed {seed} ---")
            .AppendLine(string.Join(Environment.NewLine, outcome.Problems))
            .AppendLine("--- mutant ---").AppendLine(source)
            .AppendLine("--- generated ---").AppendLine(string.Join(Environment.NewLine, outcome.GeneratedSources))
            .ToString();

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) && value > 0 ? value : fallback;
}
