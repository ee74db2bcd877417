using System.Text;
using System.Xml.Linq;
using SessionGen.Package.Tests.Infrastructure;

namespace SessionGen.Package.Tests.Packing;

/// <summary>
/// What the pack of each companion package (SessionGen.AspNetCore, .Hosting, .Http, .Orleans, .PostgreSql, .Sqlite, .Testing) makes:
/// a clean pack, its assembly with XML docs, a readme that says when to reference it, and a symbols package.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CompanionPackageTests(PackedPackage package)
{
    // Restore's notes that a neighbouring version of a transitive dependency was used (Orleans'): the repository
    // accepts them everywhere (Directory.Build.props); nothing else may be printed as a warning.
    private static readonly string[] AcceptedRestoreWarnings = ["NU1603", "NU1608"];

    public static TheoryData<string> Ids => new(RepositoryLayout.CompanionProjects.Select(static project => project.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Packs_without_warnings_and_with_a_readme(string id)
    {
        package.RequireCompanion(id);

        List<BuildDiagnostic> warnings = BuildDiagnostic.Parse(package.PackCompanions.AllOutput)
            .Where(d => !AcceptedRestoreWarnings.Contains(d.Id))
            .ToList();

        Assert.True(warnings.Count == 0, $"The pack should print no warnings:\n{string.Join("\n", warnings)}");
        Assert.DoesNotContain($"The package {id}.{package.Version} is missing a readme", package.PackCompanions.AllOutput);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Holds_its_assembly_with_xml_docs_and_its_readme(string id)
    {
        string nupkg = package.RequireCompanion(id);

        IReadOnlyList<string> entries = package.Entries(nupkg);

        Assert.Contains($"lib/net8.0/{id}.dll", entries);
        Assert.Contains($"lib/net8.0/{id}.xml", entries);
        Assert.Contains("README.md", entries);
        XDocument nuspec = package.ReadNuspec(nupkg);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Equal("README.md", (string?)metadata.Element(ns + "readme"));
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.Equal("https://github.com/sessiongen/sessiongen", (string?)metadata.Element(ns + "repository")?.Attribute("url"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Readme_says_what_it_is_when_to_reference_it_and_shows_an_example(string id)
    {
        string nupkg = package.RequireCompanion(id);

        string readme = Encoding.UTF8.GetString(package.ReadEntry(nupkg, "README.md"));

        Assert.StartsWith($"# {id}", readme);
        Assert.Contains("**Reference it**", readme);
        Assert.Contains("```csharp", readme);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_symbols_package_holds_its_pdb(string id)
    {
        package.RequireCompanion(id);

        string? symbols = package.CompanionSymbols(id);

        Assert.True(symbols is not null, $"No {id} .snupkg in {package.FeedFolder}");
        Assert.Contains($"lib/net8.0/{id}.pdb", package.Entries(symbols));
    }
}
