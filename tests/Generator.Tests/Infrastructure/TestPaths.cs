using System.Runtime.CompilerServices;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>Folders of the source tree, found from this file's own path at compile time.</summary>
internal static class TestPaths
{
    /// <summary>tests/Generator.Tests.</summary>
    public static string ProjectDirectory { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!;

    /// <summary>The repository's root, the folder that holds Directory.Build.props.</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    /// <summary>tests/Generator.Tests/Snapshots.</summary>
    public static string SnapshotDirectory { get; } = Path.Combine(ProjectDirectory, "Snapshots");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
