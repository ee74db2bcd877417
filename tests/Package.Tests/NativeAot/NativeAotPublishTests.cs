using SessionGen.Package.Tests.Infrastructure;
using SessionGen.Package.Tests.Packing;
using Xunit.Abstractions;

namespace SessionGen.Package.Tests.NativeAot;

/// <summary>
/// The SessionManager sample (PublishAot=true in its project) published as a Native AOT binary: no trimming or
/// AOT warning on the way, and the binary tells the seed's conversation exactly as <c>dotnet run</c> does. Likewise
/// the HTTP side: <see cref="HttpAppProject"/>, a server and the typed remote client in one binary.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NativeAotPublishTests(PackedPackage package, ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10); // a bound for a hang, not a timing: a loaded 2-core machine took over 4 minutes
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly TemporaryDirectory directory = new("aot");

    [Fact]
    public void Sample_publishes_with_Native_AOT_without_warnings_and_prints_what_dotnet_run_prints()
    {
        string artifacts = package.ArtifactsFolder;
        string output = directory.Combine("native");

        // The pack's artifacts folder: the runtime and the generator are already built there (in Release), the
        // sample is compiled from scratch, and nothing touches the repository's bin/obj. PublishAot comes from the sample's project: as a global -p: property it
        // would also reach the netstandard2.0 generator project and fail there (NETSDK1207).
        ProcessResult publish = DotNet.Run(
            RepositoryLayout.Root,
            PublishTimeout,
            ["publish", RepositoryLayout.SessionManagerSample, "-c", "Release", "-r", "linux-x64", "--artifacts-path", artifacts, "-o", output, "-nodeReuse:false"]);

        List<BuildDiagnostic> trimOrAot = BuildDiagnostic.Parse(publish.AllOutput).Where(d => d.IsTrimOrAot).ToList();
        Assert.True(trimOrAot.Count == 0, $"{trimOrAot.Count} trimming/AOT diagnostics:\n{string.Join('\n', trimOrAot)}\n{publish.Describe()}");
        Assert.True(publish.Succeeded, publish.Describe());
        string binary = Path.Combine(output, "SessionManager");
        Assert.True(File.Exists(binary), $"No native binary at {binary}.\n{publish.Describe()}");
        Assert.False(File.Exists(Path.Combine(output, "SessionManager.dll")), $"A Native AOT publish leaves no IL assembly to run.\n{publish.Describe()}");
        log.WriteLine($"Native AOT publish: {publish.Elapsed.TotalSeconds:F0} s, {trimOrAot.Count} trimming/AOT warnings, binary {new FileInfo(binary).Length:N0} bytes.");

        ProcessResult native = ChildProcess.Run(binary, [], output, RunTimeout);
        // Built first, so that `dotnet run` prints the program's output alone (it echoes build warnings, such as
        // Source Link's about a clone without a GitHub remote, to standard output).
        ProcessResult jitBuild = DotNet.Run(
            RepositoryLayout.Root,
            PublishTimeout,
            ["build", RepositoryLayout.SessionManagerSample, "-c", "Release", "--artifacts-path", artifacts, "-nodeReuse:false"]);
        Assert.True(jitBuild.Succeeded, jitBuild.Describe());
        ProcessResult jit = DotNet.Run(
            RepositoryLayout.Root,
            RunTimeout,
            ["run", "--no-build", "--project", RepositoryLayout.SessionManagerSample, "-c", "Release", "--artifacts-path", artifacts]);

        Assert.True(native.Succeeded, native.Describe());
        Assert.True(jit.Succeeded, jit.Describe());
        Assert.EndsWith("-> Join(\"erin\") = SessionNotFoundException: the session has ended\n", jit.StandardOutput);
        Assert.True(native.StandardOutput == jit.StandardOutput, $"""
            The native binary and dotnet run should print the same conversation.
            {native.Describe()}
            {jit.Describe()}
            """);
    }

    /// <summary>
    /// SessionGen.AspNetCore (endpoints, event stream, OpenAPI document) and SessionGen.Http (the typed client, its
    /// event stream) in one Native AOT binary with a source-generated JSON context: no trimming or AOT warning, and the
    /// binary talks to itself over loopback as the JIT build does.
    /// </summary>
    [Fact]
    public void The_http_server_and_client_publish_with_Native_AOT_without_warnings_and_talk_over_loopback()
    {
        string output = directory.Combine("http");

        ProcessResult publish = DotNet.Run(
            RepositoryLayout.Root,
            PublishTimeout,
            ["publish", HttpAppProject, "-c", "Release", "-r", "linux-x64", "--artifacts-path", package.ArtifactsFolder, "-o", output, "-nodeReuse:false"]);

        List<BuildDiagnostic> trimOrAot = BuildDiagnostic.Parse(publish.AllOutput).Where(d => d.IsTrimOrAot).ToList();
        Assert.True(trimOrAot.Count == 0, $"{trimOrAot.Count} trimming/AOT diagnostics:\n{string.Join('\n', trimOrAot)}\n{publish.Describe()}");
        Assert.True(publish.Succeeded, publish.Describe());
        string binary = Path.Combine(output, "HttpApp");
        Assert.True(File.Exists(binary), $"No native binary at {binary}.\n{publish.Describe()}");
        log.WriteLine($"Native AOT publish of the HTTP app: {publish.Elapsed.TotalSeconds:F0} s, binary {new FileInfo(binary).Length:N0} bytes.");

        ProcessResult native = ChildProcess.Run(binary, [], output, RunTimeout);

        Assert.True(native.Succeeded, native.Describe());
        Assert.Equal(
            """
            Add(ann, 2) = 2
            Add(bob, 3) = 5
            Add(cat, 1) = 1
            event 1: Counted { By = ann, Total = 2 }
            event 2: Counted { By = bob, Total = 5 }
            event 3: Counted { By = cat, Total = 1 }
            Add(dan, 1) = SessionNotFoundException: the session has ended
            openapi: POST /tallies, POST /tallies/{sessionId}/Add, POST /tallies/{sessionId}/Reset, POST /tallies/{sessionId}/Close, GET /tallies/{sessionId}/events
            openapi: Add takes by, amount

            """.ReplaceLineEndings("\n"),
            native.StandardOutput);
    }

    private static string HttpAppProject => Path.Combine(RepositoryLayout.Root, "tests", "Package.Tests", "NativeAot", "HttpApp", "HttpApp.csproj");

    public void Dispose() => directory.Dispose();
}
