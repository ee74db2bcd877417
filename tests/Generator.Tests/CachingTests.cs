using Microsoft.CodeAnalysis;
using SessionGen.Generator.Tests.Infrastructure;
using SessionGen.Generator.Tests.Inputs;

namespace SessionGen.Generator.Tests;

/// <summary>
/// The pipeline is incremental: edits that cannot change a process's model (a method body, another file) leave
/// the named steps Cached or Unchanged and the source output Cached, so nothing is re-emitted while the user types.
/// </summary>
public sealed class CachingTests
{
    private static readonly string[] StepNames = [TrackingNames.Processes, TrackingNames.ValidProcesses];

    private const string UnrelatedSource = """
        namespace Sample;

        public static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    [Fact]
    public async Task Editing_a_method_body_of_the_process_leaves_every_step_cached_or_unchanged()
    {
        string edited = SeedSessionManager.Source.Replace("\"participant already present\"", "\"already here\"", StringComparison.Ordinal);
        Assert.NotEqual(SeedSessionManager.Source, edited);

        GeneratorRunResult second = await RunTwiceAsync(compilation => ReplaceTree(compilation, 0, edited));

        AssertNothingRecomputed(second);
    }

    [Fact]
    public async Task Editing_an_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        GeneratorRunResult second = await RunTwiceAsync(
            compilation => ReplaceTree(compilation, 1, UnrelatedSource.Replace("42", "43", StringComparison.Ordinal)));

        AssertNothingRecomputed(second);
    }

    [Fact]
    public async Task Adding_an_unrelated_file_leaves_every_step_cached_or_unchanged()
    {
        GeneratorRunResult second = await RunTwiceAsync(
            compilation => compilation.AddSyntaxTrees(TestCompilation.Parse("namespace Sample; public sealed record Extra(int Value);", "Extra.cs")));

        AssertNothingRecomputed(second);
    }

    [Fact]
    public async Task Changing_a_handler_signature_is_seen_as_a_modification()
    {
        string edited = SeedSessionManager.Source.Replace("private JoinResult Join(string name)", "private JoinResult Join(string name, int seat)", StringComparison.Ordinal);
        Assert.NotEqual(SeedSessionManager.Source, edited);

        GeneratorRunResult second = await RunTwiceAsync(compilation => ReplaceTree(compilation, 0, edited));

        foreach (string step in StepNames)
        {
            Assert.Contains(IncrementalStepRunReason.Modified, TrackedDriver.Reasons(second, step));
        }

        Assert.Contains(IncrementalStepRunReason.Modified, TrackedDriver.SourceOutputReasons(second));
        Assert.Contains("JoinAsync(string name, int seat,", Assert.Single(second.GeneratedSources).SourceText.ToString());
    }

    [Fact]
    public async Task Editing_a_method_body_among_200_processes_reruns_only_the_cached_steps_and_emits_nothing()
    {
        const int Processes = 200;
        const int Edited = 117;
        string[] sources = [.. Enumerable.Range(0, Processes).Select(ManyProcesses.Source), ManyProcesses.Shared];
        Compilation compilation = await TestCompilation.CreateAsync(sources);
        (GeneratorDriver driver, GeneratorRunResult first) = TrackedDriver.Run(TrackedDriver.Create(), compilation);
        Assert.Equal(Processes, first.GeneratedSources.Length);
        Assert.Equal(Processes, TrackedDriver.SourceOutputReasons(first).Length);

        string edited = ManyProcesses.Source(Edited).Replace(ManyProcesses.BodyToEdit, ManyProcesses.EditedBody, StringComparison.Ordinal);
        Assert.NotEqual(ManyProcesses.Source(Edited), edited);
        (_, GeneratorRunResult second) = TrackedDriver.Run(driver, ReplaceTree(compilation, Edited, edited));

        // Roslyn runs a semantic transform again whenever the compilation changes (only finding the attributed
        // classes is cached per file): every class is parsed again, each into a model equal to the last one.
        IncrementalStepRunReason[] parsed = TrackedDriver.Reasons(second, TrackingNames.Processes);
        Assert.Equal(Processes, parsed.Length);
        Assert.All(parsed, static reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"parsing reported {reason}"));

        // Everything after parsing is cached: no model is compared again and no file is written again.
        Assert.All(TrackedDriver.Reasons(second, TrackingNames.ValidProcesses), static reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        IncrementalStepRunReason[] emitted = TrackedDriver.SourceOutputReasons(second);
        Assert.Equal(Processes, emitted.Length);
        Assert.All(emitted, static reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal(
            first.GeneratedSources.Select(static source => source.HintName),
            second.GeneratedSources.Select(static source => source.HintName));
        Assert.Contains(second.GeneratedSources, static source => source.HintName == ManyProcesses.HintName(Edited));
    }

    /// <summary>Runs one driver over the seed plus an unrelated file, then again over the edited compilation.</summary>
    private static async Task<GeneratorRunResult> RunTwiceAsync(Func<Compilation, Compilation> edit)
    {
        Compilation compilation = await TestCompilation.CreateAsync(SeedSessionManager.Source, UnrelatedSource);
        (GeneratorDriver driver, GeneratorRunResult first) = TrackedDriver.Run(TrackedDriver.Create(), compilation);
        foreach (string step in StepNames)
        {
            Assert.All(TrackedDriver.Reasons(first, step), static reason => Assert.Equal(IncrementalStepRunReason.New, reason));
        }

        (_, GeneratorRunResult second) = TrackedDriver.Run(driver, edit(compilation));
        return second;
    }

    private static Compilation ReplaceTree(Compilation compilation, int index, string source)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, TestCompilation.Parse(source, old.FilePath));
    }

    private static void AssertNothingRecomputed(GeneratorRunResult result)
    {
        foreach (string step in StepNames)
        {
            Assert.All(
                TrackedDriver.Reasons(result, step),
                reason => Assert.True(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step '{step}' reported {reason}"));
        }

        Assert.All(TrackedDriver.SourceOutputReasons(result), static reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Contains("public sealed record Join(string Name)", Assert.Single(result.GeneratedSources).SourceText.ToString());
    }
}
