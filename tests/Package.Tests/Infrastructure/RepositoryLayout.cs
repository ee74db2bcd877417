namespace SessionGen.Package.Tests.Infrastructure;

/// <summary>Where things are in the repository these tests were built from.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string RuntimeProject => Path.Combine(Root, "src", "Runtime", "Runtime.csproj");

    public static string TestingProject => Path.Combine(Root, "src", "Testing", "Testing.csproj");

    /// <summary>Every package besides SessionGen itself: its id, its project, and the assembly it ships.</summary>
    public static IReadOnlyList<(string Id, string Path)> CompanionProjects { get; } =
    [
        ("SessionGen.AspNetCore", Path.Combine(Root, "src", "AspNetCore", "AspNetCore.csproj")),
        ("SessionGen.Hosting", Path.Combine(Root, "src", "Hosting", "Hosting.csproj")),
        ("SessionGen.Http", Path.Combine(Root, "src", "Http", "Http.csproj")),
        ("SessionGen.Orleans", Path.Combine(Root, "src", "Orleans", "Orleans.csproj")),
        ("SessionGen.PostgreSql", Path.Combine(Root, "src", "PostgreSql", "PostgreSql.csproj")),
        ("SessionGen.Sqlite", Path.Combine(Root, "src", "Sqlite", "Sqlite.csproj")),
        ("SessionGen.Testing", TestingProject),
    ];

    /// <summary>The repository's central package versions (Directory.Packages.props), which consumer test projects use too.</summary>
    public static string PackageVersion(string id) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .Single(element => (string?)element.Attribute("Include") == id)
            .Attribute("Version")!.Value;

    public static string SessionManagerSample => Path.Combine(Root, "samples", "SessionManager", "SessionManager.csproj");

    public static bool Contains(string path)
    {
        string relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        return relative == "." || !(relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative));
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No SessionGen.sln above {AppContext.BaseDirectory}.");
    }
}
