using SessionGen.Package.Tests.Infrastructure;
using SessionGen.Package.Tests.Packing;

namespace SessionGen.Package.Tests.Consumers;

/// <summary>SessionGen as a user meets it: one PackageReference in a fresh project, nothing from this repository.</summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerProjectTests(PackedPackage package)
{
    [Fact]
    public void Fresh_console_project_referencing_the_package_builds_without_warnings_and_runs_a_session()
    {
        package.RequirePackage();
        using var consumer = new ConsumerProject("Tally", package);

        ProcessResult build = consumer.Build();

        Assert.True(build.Succeeded, build.Describe());
        IReadOnlyList<BuildDiagnostic> diagnostics = BuildDiagnostic.Parse(build.AllOutput);
        Assert.True(diagnostics.Count == 0, $"The build should be clean (a CS8032 here means the generator did not load):\n{build.Describe()}");
        Assert.True(
            File.Exists(Path.Combine(package.PackagesFolder, "sessiongen", package.Version!, $"sessiongen.{package.Version}.nupkg")),
            $"SessionGen {package.Version} should have been restored into this run's own packages folder {package.PackagesFolder}.\n{build.Describe()}");

        ProcessResult run = consumer.Run();

        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(
            """
            Add(2) = 2
            Add(40) = 42
            #1 Added { Tally = votes, Amount = 2, Total = 2 }
            #2 Added { Tally = votes, Amount = 40, Total = 42 }
            #3 Closed { Tally = votes, Total = 42 }
            Add(1) after Close: SessionNotFoundException

            """.ReplaceLineEndings("\n"),
            run.StandardOutput);
    }

    [Fact]
    public void Fresh_project_with_a_static_handler_fails_to_build_with_SGEN0011_on_the_handler_line()
    {
        package.RequirePackage();
        using var consumer = new ConsumerProject("StaticHandler", package);
        string source = consumer.SourcePath("Pinger.cs");
        int handlerLine = LineOf(source, "private static void Ping()");

        ProcessResult build = consumer.Build();

        Assert.False(build.Succeeded, $"The build should fail.\n{build.Describe()}");
        List<BuildDiagnostic> errors = BuildDiagnostic.Parse(build.AllOutput).Where(d => d.IsError).ToList();
        Assert.True(
            errors.Any(e => e.Id == "SGEN0011" && e.File == source && e.Line == handlerLine),
            $"Expected {source}({handlerLine},…): error SGEN0011; got:\n{string.Join('\n', errors)}\n{build.Describe()}");
        // Only the analyzer speaks: the generator must not add compiler errors of its own for invalid input.
        Assert.True(errors.All(e => e.Id == "SGEN0011"), $"Only SGEN0011 expected:\n{string.Join('\n', errors)}\n{build.Describe()}");
    }

    [Fact]
    public void Fresh_xunit_project_referencing_SessionGen_and_SessionGen_Testing_runs_its_tests_with_the_kit()
    {
        package.RequireTestingPackage();
        using var consumer = new ConsumerProject("KitTests", package, testProject: true);

        ProcessResult test = consumer.Test();

        Assert.True(test.Succeeded, test.Describe());
        Assert.True(BuildDiagnostic.Parse(test.AllOutput).Count == 0, $"The build should be clean:\n{test.Describe()}");
        Assert.Contains("Passed!  - Failed:     0, Passed:     2, Skipped:     0, Total:     2", test.StandardOutput);
        Assert.True(
            File.Exists(Path.Combine(package.PackagesFolder, "sessiongen.testing", package.Version!, $"sessiongen.testing.{package.Version}.nupkg")),
            $"SessionGen.Testing {package.Version} should have been restored from this run's feed.\n{test.Describe()}");
    }

    [Fact]
    public void Fresh_web_project_referencing_the_HTTP_packages_serves_a_process_its_OpenAPI_and_the_dashboard_to_the_typed_remote_client()
    {
        package.RequireCompanion("SessionGen.AspNetCore");
        using var consumer = new ConsumerProject("WebApp", package, webProject: true);

        ProcessResult build = consumer.Build();

        Assert.True(build.Succeeded, build.Describe());
        Assert.True(BuildDiagnostic.Parse(build.AllOutput).Count == 0, $"The build should be clean:\n{build.Describe()}");
        foreach (string id in new[] { "sessiongen.hosting", "sessiongen.aspnetcore", "sessiongen.http" })
        {
            Assert.True(
                File.Exists(Path.Combine(package.PackagesFolder, id, package.Version!, $"{id}.{package.Version}.nupkg")),
                $"{id} {package.Version} should have been restored from this run's feed.\n{build.Describe()}");
        }

        ProcessResult run = consumer.Run();

        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(
            """
            Add(ann, 2) = 2
            Add(bob, 3) = 5
            dashboard page: served
            dashboard: App.Tally has 1 session
            event 1: Counted { By = ann, Total = 2 }
            event 2: Counted { By = bob, Total = 5 }
            openapi: Add takes by, amount

            """.ReplaceLineEndings("\n"),
            run.StandardOutput);
    }

    private static int LineOf(string path, string text)
    {
        string[] lines = File.ReadAllLines(path);
        int index = Array.FindIndex(lines, line => line.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in {path}");
        return index + 1;
    }
}
