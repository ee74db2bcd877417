using System.Xml.Linq;
using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>The version stamped into <c>[GeneratedCode]</c> is the package's version.</summary>
public sealed class VersionTests
{
    [Fact]
    public void ThisAssembly_version_equals_the_version_in_Directory_Build_props()
    {
        string props = Path.Combine(TestPaths.RepositoryRoot, "Directory.Build.props");
        Assert.True(File.Exists(props), $"not found: {props}");

        string[] versions = XDocument.Load(props).Descendants("Version").Select(static element => element.Value.Trim()).ToArray();

        Assert.Equal(ThisAssembly.Version, Assert.Single(versions));
    }

    [Fact]
    public async Task Generated_code_is_stamped_with_that_version()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(Inputs.CustomNamedProcess.Source);

        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"SessionGen.Generator\", \"{ThisAssembly.Version}\")]", run.SingleText());
    }
}
