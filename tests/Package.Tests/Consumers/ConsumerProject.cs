using System.Reflection;
using SessionGen.Package.Tests.Infrastructure;
using SessionGen.Package.Tests.Packing;

namespace SessionGen.Package.Tests.Consumers;

/// <summary>
/// A brand-new console project outside the repository that knows SessionGen only as a package: a NuGet.config
/// whose extra source is the freshly packed folder, a packages folder of this test run, a PackageReference by
/// version, and none of the repository's build settings. Its sources come from Consumers/Sources/{name}/.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private readonly TemporaryDirectory directory;
    private readonly PackedPackage package;

    public ConsumerProject(string name, PackedPackage package, bool testProject = false, bool webProject = false)
    {
        this.package = package;
        Name = name;
        directory = new TemporaryDirectory(name.ToLowerInvariant());

        // Empty files stop MSBuild's upward search, so no Directory.*.props of a parent folder applies.
        File.WriteAllText(directory.Combine("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(directory.Combine("Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(directory.Combine("Directory.Packages.props"), "<Project />\n");
        File.WriteAllText(directory.Combine("NuGet.config"), NuGetConfig(package));
        string projectFile = testProject ? TestProjectFile(package.Version!) : webProject ? WebProjectFile(package.Version!) : ProjectFile(package.Version!);
        File.WriteAllText(directory.Combine($"{name}.csproj"), projectFile);
        foreach ((string fileName, string text) in Sources(name))
        {
            File.WriteAllText(directory.Combine(fileName), text);
        }
    }

    public string Name { get; }

    public string Directory => directory.Path;

    public string SourcePath(string fileName) => directory.Combine(fileName);

    public ProcessResult Build() =>
        DotNet.Run(Directory, BuildTimeout, ["build", "-c", "Release", "-nodeReuse:false"], PackagesEnvironment());

    public ProcessResult Run() =>
        DotNet.Run(Directory, RunTimeout, [directory.Combine("bin", "Release", "net10.0", $"{Name}.dll")]);

    /// <summary>For a test project: <c>dotnet test</c> (it builds first), with the same packages folder as <see cref="Build"/>.</summary>
    public ProcessResult Test() =>
        DotNet.Run(Directory, BuildTimeout, ["test", "-c", "Release", "-nodeReuse:false"], PackagesEnvironment());

    public void Dispose() => directory.Dispose();

    private Dictionary<string, string?> PackagesEnvironment() =>
        // NUGET_PACKAGES would override the NuGet.config setting: pin it to the same folder.
        new() { ["NUGET_PACKAGES"] = package.PackagesFolder };

    private static string ProjectFile(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <!-- A strict user: the generated code and the analyzers must not add a single warning. -->
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SessionGen" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    // A user's xunit project that tests its process with the kit: SessionGen and SessionGen.Testing by version, the test
    // packages at the repository's own versions.
    private static string TestProjectFile(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <IsPackable>false</IsPackable>
            <IsTestProject>true</IsTestProject>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SessionGen" Version="{version}" />
            <PackageReference Include="SessionGen.Testing" Version="{version}" />
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{RepositoryLayout.PackageVersion("Microsoft.NET.Test.Sdk")}" />
            <PackageReference Include="xunit" Version="{RepositoryLayout.PackageVersion("xunit")}" />
            <PackageReference Include="xunit.runner.visualstudio" Version="{RepositoryLayout.PackageVersion("xunit.runner.visualstudio")}" />
          </ItemGroup>
        </Project>
        """;

    // A user's web app: the server packages (Hosting, AspNetCore), the remote client (Http) and ASP.NET Core's OpenAPI.
    private static string WebProjectFile(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SessionGen" Version="{version}" />
            <PackageReference Include="SessionGen.Hosting" Version="{version}" />
            <PackageReference Include="SessionGen.AspNetCore" Version="{version}" />
            <PackageReference Include="SessionGen.Http" Version="{version}" />
            <PackageReference Include="Microsoft.AspNetCore.OpenApi" Version="{RepositoryLayout.PackageVersion("Microsoft.AspNetCore.OpenApi")}" />
          </ItemGroup>
        </Project>
        """;

    // The machine's own sources (nuget.org's mirror here) stay; SessionGen may come only from the fresh folder.
    private static string NuGetConfig(PackedPackage package) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{package.PackagesFolder}" />
          </config>
          <packageSources>
            <add key="sessiongen-under-test" value="{package.FeedFolder}" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="sessiongen-under-test">
              <package pattern="SessionGen" />
              <package pattern="SessionGen.*" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    private static IEnumerable<(string FileName, string Text)> Sources(string name)
    {
        Assembly assembly = typeof(ConsumerProject).Assembly;
        string prefix = $"Consumers/{name}/";
        List<string> resources = assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (resources.Count == 0)
        {
            throw new InvalidOperationException($"No sources under Consumers/Sources/{name}/ (embedded as {prefix}*).");
        }

        foreach (string resource in resources)
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (resource[prefix.Length..], reader.ReadToEnd());
        }
    }
}
