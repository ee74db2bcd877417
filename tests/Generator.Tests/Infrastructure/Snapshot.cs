using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>
/// Checks generated files against the snapshots in tests/Generator.Tests/Snapshots, named by hint name.
/// To accept new generator output, run <c>SESSIONGEN_UPDATE_SNAPSHOTS=1 dotnet test tests/Generator.Tests</c>
/// and review the diff of the Snapshots folder before committing it.
/// </summary>
internal static class Snapshot
{
    public const string UpdateVariable = "SESSIONGEN_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string PathOf(string hintName) => Path.Combine(TestPaths.SnapshotDirectory, hintName);

    /// <summary>
    /// Runs the generator over <paramref name="sources"/> and requires exactly one generated file,
    /// <paramref name="hintName"/>, equal to its snapshot, with the whole compilation free of errors and warnings.
    /// </summary>
    public static Task VerifyAsync(string hintName, params string[] sources) => VerifyAsync([hintName], [], sources);

    /// <summary>
    /// Runs the generator over <paramref name="sources"/>, compiled also against <paramref name="additionalReferences"/>,
    /// and requires exactly the generated files <paramref name="hintNames"/>, each equal to its snapshot, with the whole
    /// compilation free of errors and warnings.
    /// </summary>
    public static async Task VerifyAsync(string[] hintNames, MetadataReference[] additionalReferences, params string[] sources)
    {
        if (Updating)
        {
            GeneratorRun run = await GeneratorRun.RunAsync(additionalReferences, sources);
            foreach (string hintName in hintNames)
            {
                WriteSnapshot(run, hintName, PathOf(hintName));
            }
        }

        var test = new SessionGeneratorTest();
        test.TestState.AdditionalReferences.AddRange(additionalReferences);
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (string hintName in hintNames)
        {
            string path = PathOf(hintName);
            Assert.True(File.Exists(path), $"missing snapshot {path}; create it with {UpdateVariable}=1 dotnet test tests/Generator.Tests");
            test.TestState.GeneratedSources.Add((typeof(SessionProcessGenerator), hintName, SourceText.From(File.ReadAllText(path), Encoding.UTF8)));
        }

        try
        {
            await test.RunAsync();
        }
        catch (InvalidOperationException failure) when (failure.Message.Contains("did not match", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"{string.Join(" or ", hintNames)} differs from its snapshot. If the change is intended, run {UpdateVariable}=1 dotnet test tests/Generator.Tests and review the diff.\n{failure.Message}",
                failure);
        }
    }

    private static void WriteSnapshot(GeneratorRun run, string hintName, string path)
    {
        string text = run.GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
