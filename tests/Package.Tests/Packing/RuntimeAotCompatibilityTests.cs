using System.Text.Json;
using SessionGen.Package.Tests.Infrastructure;

namespace SessionGen.Package.Tests.Packing;

/// <summary>The runtime declares itself trimming- and AOT-compatible, and the analyzers that check it find nothing.</summary>
[Collection(PackageCollection.Name)]
public sealed class RuntimeAotCompatibilityTests(PackedPackage package)
{
    [Fact]
    public void Runtime_project_turns_on_the_trimming_single_file_and_AOT_analyzers()
    {
        string[] properties = ["IsAotCompatible", "IsTrimmable", "EnableTrimAnalyzer", "EnableSingleFileAnalyzer", "EnableAotAnalyzer"];

        ProcessResult evaluation = DotNet.Run(
            RepositoryLayout.Root,
            TimeSpan.FromMinutes(1),
            ["msbuild", RepositoryLayout.RuntimeProject, "-nologo", .. properties.Select(p => $"-getProperty:{p}")]);

        Assert.True(evaluation.Succeeded, evaluation.Describe());
        JsonElement values = JsonDocument.Parse(evaluation.StandardOutput).RootElement.GetProperty("Properties");
        Assert.All(properties, property => Assert.True(values.GetProperty(property).GetString() == "true", $"{property} should be true.\n{evaluation.Describe()}"));
    }

    [Fact]
    public void Runtime_compiles_without_a_single_trimming_or_AOT_warning()
    {
        // The shared pack builds into a fresh folder, so the runtime was compiled in this run and its output
        // holds every diagnostic the trimming and AOT analyzers reported (as warnings, or as errors under
        // TreatWarningsAsErrors).
        IReadOnlyList<BuildDiagnostic> trimOrAot = BuildDiagnostic.Parse(package.Pack.AllOutput).Where(d => d.IsTrimOrAot).ToList();

        Assert.True(trimOrAot.Count == 0, $"""
            {trimOrAot.Count} trimming/AOT diagnostics:
            {string.Join(Environment.NewLine, trimOrAot)}
            {package.Pack.Describe()}
            """);
        Assert.True(package.Pack.Succeeded, package.Pack.Describe());
        Assert.Contains("SessionGen.dll", package.Pack.StandardOutput);
    }
}
