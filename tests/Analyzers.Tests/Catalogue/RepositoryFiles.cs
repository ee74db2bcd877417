namespace SessionGen.Analyzers.Tests.Catalogue;

/// <summary>Finds files of the repository from the test's output folder (the folder that holds SessionGen.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Read(params string[] relativePath) => File.ReadAllText(Path.Combine([Root, .. relativePath]));

    public static bool Exists(params string[] relativePath) => File.Exists(Path.Combine([Root, .. relativePath]));

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SessionGen.sln not found above " + AppContext.BaseDirectory);
    }
}
