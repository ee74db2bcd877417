using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SessionGen.Package.Tests.Infrastructure;

namespace SessionGen.Package.Tests.Packing;

/// <summary>
/// <c>dotnet pack src/Runtime -c Release</c>, once per test run, into a fresh folder that serves as a package
/// source. Everything is built from scratch in an artifacts folder of this run, so the build output holds every
/// compiler diagnostic, and nothing is shared with the repository's bin/obj folders that other builds may be
/// using. Later Release builds in the same collection pass the same <see cref="ArtifactsFolder"/> and find the
/// runtime and the generator already built.
/// </summary>
public sealed partial class PackedPackage : IDisposable
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);

    private readonly TemporaryDirectory root = new("pack");

    public PackedPackage()
    {
        Directory.CreateDirectory(FeedFolder);
        Pack = DotNet.Run(
            RepositoryLayout.Root,
            PackTimeout,
            ["pack", RepositoryLayout.RuntimeProject, "-c", "Release", "-o", FeedFolder, "--artifacts-path", ArtifactsFolder, "-nodeReuse:false"]);

        string[] packages = PackagesOf("SessionGen", "nupkg");
        PackagePath = packages.Length == 1 ? packages[0] : null;
        string[] symbols = PackagesOf("SessionGen", "snupkg");
        SymbolPackagePath = symbols.Length == 1 ? symbols[0] : null;
        Version = PackagePath is null ? null : VersionInFileName().Match(Path.GetFileName(PackagePath)).Groups["version"].Value;

        // The companion packages (the test kit SessionGen.Testing among them) beside it in the same feed, in one build
        // of a solution filter: they depend on SessionGen of the same version and share its build.
        PackCompanions = DotNet.Run(
            RepositoryLayout.Root,
            PackTimeout,
            ["pack", WriteCompanionFilter(), "-c", "Release", $"-p:PackageOutputPath={FeedFolder}", "--artifacts-path", ArtifactsFolder, "-nodeReuse:false"]);
        string[] testing = PackagesOf("SessionGen.Testing", "nupkg");
        TestingPackagePath = testing.Length == 1 ? testing[0] : null;
    }

    /// <summary>The pack command and what it printed.</summary>
    public ProcessResult Pack { get; }

    /// <summary>The --artifacts-path of the pack: bin and obj of every project it built.</summary>
    public string ArtifactsFolder => root.Combine("artifacts");

    /// <summary>The folder holding the .nupkg and .snupkg: a local package source.</summary>
    public string FeedFolder => root.Combine("feed");

    /// <summary>A packages folder of this test run alone, so no SessionGen restored earlier can stand in for this one.</summary>
    public string PackagesFolder => root.Combine("packages");

    public string? PackagePath { get; }

    /// <summary>The pack of every companion package (<see cref="RepositoryLayout.CompanionProjects"/>) and what it printed.</summary>
    public ProcessResult PackCompanions { get; }

    /// <summary>SessionGen.Testing's .nupkg, when it was made.</summary>
    public string? TestingPackagePath { get; }

    public string? SymbolPackagePath { get; }

    public string? Version { get; }

    /// <summary>Fails the calling test with the pack output unless exactly one package and one symbols package were made.</summary>
    public string RequirePackage()
    {
        Assert.True(Pack.Succeeded && PackagePath is not null && SymbolPackagePath is not null, $"""
            dotnet pack should make one SessionGen .nupkg and one .snupkg in {FeedFolder}; found: {string.Join(", ", Directory.GetFiles(FeedFolder).Select(Path.GetFileName))}
            {Pack.Describe()}
            """);
        return PackagePath!;
    }

    /// <summary>Fails the calling test with the pack output unless SessionGen and SessionGen.Testing were both made.</summary>
    public string RequireTestingPackage()
    {
        RequirePackage();
        Assert.True(PackCompanions.Succeeded && TestingPackagePath is not null, $"""
            dotnet pack of the companions should make one SessionGen.Testing .nupkg in {FeedFolder}; found: {string.Join(", ", Directory.GetFiles(FeedFolder).Select(Path.GetFileName))}
            {PackCompanions.Describe()}
            """);
        return TestingPackagePath!;
    }

    /// <summary>Fails the calling test with the pack output unless companion <paramref name="id"/> was made, with its symbols; returns its .nupkg.</summary>
    public string RequireCompanion(string id)
    {
        RequirePackage();
        string[] packages = PackagesOf(id, "nupkg");
        Assert.True(PackCompanions.Succeeded && packages.Length == 1, $"""
            dotnet pack of the companions should make one {id} .nupkg in {FeedFolder}; found: {string.Join(", ", Directory.GetFiles(FeedFolder).Select(Path.GetFileName))}
            {PackCompanions.Describe()}
            """);
        return packages[0];
    }

    /// <summary>The symbols package of companion <paramref name="id"/>, or null when none was made.</summary>
    public string? CompanionSymbols(string id) => PackagesOf(id, "snupkg").SingleOrDefault();

    public IReadOnlyList<string> Entries(string packagePath)
    {
        using ZipArchive archive = ZipFile.OpenRead(packagePath);
        return archive.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal).ToList();
    }

    public byte[] ReadEntry(string packagePath, string entryName)
    {
        using ZipArchive archive = ZipFile.OpenRead(packagePath);
        ZipArchiveEntry entry = archive.GetEntry(entryName) ?? throw new InvalidOperationException($"{entryName} is not in {packagePath}");
        using Stream stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    public XDocument ReadNuspec(string packagePath)
    {
        string nuspec = Entries(packagePath).Single(name => name.EndsWith(".nuspec", StringComparison.Ordinal) && !name.Contains('/'));
        using var stream = new MemoryStream(ReadEntry(packagePath, nuspec));
        return XDocument.Load(stream);
    }

    public void Dispose() => root.Dispose();

    /// <summary>A solution filter of SessionGen.sln that holds the companion projects: one pack builds them all.</summary>
    private string WriteCompanionFilter()
    {
        string path = root.Combine("companions.slnf");
        var filter = new
        {
            solution = new
            {
                path = Path.Combine(RepositoryLayout.Root, "SessionGen.sln"),
                projects = RepositoryLayout.CompanionProjects.Select(static project => Path.GetRelativePath(RepositoryLayout.Root, project.Path).Replace('/', '\\')).ToArray(),
            },
        };
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(filter));
        return path;
    }

    /// <summary>The packages of id <paramref name="id"/> in the feed: its name, then a version ("SessionGen.*" alone would also match SessionGen.Testing's).</summary>
    private string[] PackagesOf(string id, string extension) =>
        Directory.GetFiles(FeedFolder, $"{id}.*.{extension}")
            .Where(path => Regex.IsMatch(Path.GetFileName(path), $@"^{Regex.Escape(id)}\.\d[^/]*\.{extension}$"))
            .ToArray();

    [GeneratedRegex(@"^SessionGen\.(?<version>\d.*)\.nupkg$")]
    private static partial Regex VersionInFileName();
}
