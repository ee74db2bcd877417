namespace SessionGen.Package.Tests.Infrastructure;

/// <summary>
/// A new folder under the system's temporary folder, outside the repository (so none of the repository's
/// Directory.Build.props, Directory.Packages.props or NuGet.config applies), deleted on dispose.
/// </summary>
public sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string purpose)
    {
        string unique = Guid.NewGuid().ToString("N")[..8];
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sessiongen-tests", $"{purpose}-{unique}");
        Directory.CreateDirectory(Path);
        if (RepositoryLayout.Contains(Path))
        {
            throw new InvalidOperationException($"The temporary folder {Path} is inside the repository {RepositoryLayout.Root}.");
        }
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the system cleans the temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
