using System.Reflection;

namespace SessionGen.Generator.Tests.Infrastructure;

/// <summary>Folders of the source tree, as the build recorded them (AssemblyMetadata "ProjectDirectory").</summary>
internal static class TestPaths
{
    /// <summary>tests/Generator.Tests.</summary>
    public static string ProjectDirectory { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static attribute => attribute.Key == "ProjectDirectory")
        .Value!;

    /// <summary>The repository's root, the folder that holds Directory.Build.props.</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(ProjectDirectory, "..", ".."));

    /// <summary>tests/Generator.Tests/Snapshots.</summary>
    public static string SnapshotDirectory { get; } = Path.Combine(ProjectDirectory, "Snapshots");
}
