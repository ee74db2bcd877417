using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;

namespace SessionGen.Package.Tests.Packing;

/// <summary>What <c>dotnet pack src/Runtime</c> puts in SessionGen.nupkg and SessionGen.snupkg.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackedPackage package)
{
    private static readonly string[] AnalyzerAssemblies =
    [
        "analyzers/dotnet/cs/SessionGen.Analyzers.CodeFixes.dll",
        "analyzers/dotnet/cs/SessionGen.Analyzers.dll",
        "analyzers/dotnet/cs/SessionGen.Generator.dll",
    ];

    [Fact]
    public void Package_holds_the_runtime_with_its_docs_the_readme_and_the_three_analyzer_assemblies_and_nothing_else()
    {
        string nupkg = package.RequirePackage();

        IEnumerable<string> content = package.Entries(nupkg).Where(name => !IsPackagingMetadata(name));

        Assert.Equal(
            ["README.md", .. AnalyzerAssemblies, "lib/net8.0/SessionGen.dll", "lib/net8.0/SessionGen.xml"],
            content.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Package_depends_on_neither_Roslyn_nor_Source_Link_nor_the_analyzer_projects()
    {
        string nupkg = package.RequirePackage();

        XDocument nuspec = package.ReadNuspec(nupkg);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        List<string> dependencies = nuspec.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).ToList();

        Assert.DoesNotContain(dependencies, id =>
            id.StartsWith("Microsoft.CodeAnalysis", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("Microsoft.SourceLink", StringComparison.OrdinalIgnoreCase)
            || id.StartsWith("SessionGen.", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(nuspec.Descendants(ns + "group"), group => (string?)group.Attribute("targetFramework") == "net8.0");
    }

    [Fact]
    public void Nuspec_carries_the_MIT_license_expression_the_readme_the_repository_tags_and_a_description()
    {
        string nupkg = package.RequirePackage();
        XDocument nuspec = package.ReadNuspec(nupkg);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;

        Assert.Equal("SessionGen", (string?)metadata.Element(ns + "id"));
        Assert.Equal(package.Version, (string?)metadata.Element(ns + "version"));
        XElement license = metadata.Element(ns + "license")!;
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.Equal("https://github.com/sessiongen/sessiongen", (string?)metadata.Element(ns + "repository")?.Attribute("url"));
        Assert.Equal("git", (string?)metadata.Element(ns + "repository")?.Attribute("type"));
        Assert.Contains("source-generator", ((string?)metadata.Element(ns + "tags") ?? "").Split(' '));
        Assert.Contains("aot", ((string?)metadata.Element(ns + "tags") ?? "").Split(' '));
        Assert.False(string.IsNullOrWhiteSpace((string?)metadata.Element(ns + "description")));
    }

    [Fact]
    public void Readme_in_the_package_shows_how_to_reference_it()
    {
        string nupkg = package.RequirePackage();

        string readme = Encoding.UTF8.GetString(package.ReadEntry(nupkg, "README.md"));

        Assert.Contains("<PackageReference Include=\"SessionGen\"", readme);
        Assert.Contains("[SessionProcess]", readme);
    }

    [Fact]
    public void Symbols_package_holds_the_runtime_pdb()
    {
        package.RequirePackage();

        Assert.Contains("lib/net8.0/SessionGen.pdb", package.Entries(package.SymbolPackagePath!));
    }

    [Fact]
    public void Analyzer_assemblies_are_netstandard2_0_and_need_no_Roslyn_newer_than_4_14()
    {
        // A generator built against a newer Roslyn than the compiler that loads it fails with CS8032.
        string nupkg = package.RequirePackage();
        var maximumRoslyn = new Version(4, 14, 0, 0);

        foreach (string assembly in AnalyzerAssemblies)
        {
            Dictionary<string, Version> references = AssemblyReferences(package.ReadEntry(nupkg, assembly));

            Assert.True(references.TryGetValue("netstandard", out Version? netstandard) && netstandard == new Version(2, 0, 0, 0), $"{assembly} should target netstandard2.0; it references {Describe(references)}");
            Assert.DoesNotContain(references, r => r.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) && r.Value > maximumRoslyn);
        }
    }

    private static bool IsPackagingMetadata(string entry) =>
        entry.StartsWith("_rels/", StringComparison.Ordinal)
        || entry.StartsWith("package/", StringComparison.Ordinal)
        || entry == "[Content_Types].xml"
        || entry == "SessionGen.nuspec";

    private static Dictionary<string, Version> AssemblyReferences(byte[] image)
    {
        using var pe = new PEReader(new MemoryStream(image));
        MetadataReader metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version);
    }

    private static string Describe(Dictionary<string, Version> references) =>
        string.Join(", ", references.Select(r => $"{r.Key} {r.Value}"));
}
