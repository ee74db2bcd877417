using System.Text.RegularExpressions;
using SessionGen.Analyzers.Tests.Robustness;

namespace SessionGen.Analyzers.Tests.Catalogue;

/// <summary>
/// Each rule's page shows a reported example and a fixed one. Both are compiled here with the real generator and
/// every analyzer, so the docs cannot drift from what the rules do.
/// </summary>
public sealed partial class DocumentationExampleTests
{
    /// <summary>The examples are written for a project with the SDK's implicit usings.</summary>
    private const string ImplicitUsings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";

    public static TheoryData<string> Ids => DescriptorCatalogueTests.Ids;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_reported_example_is_reported_and_the_fixed_one_compiles_cleanly(string id)
    {
        MatchCollection examples = CSharpBlock().Matches(RepositoryFiles.Read("docs", "diagnostics", id + ".md"));
        Assert.Equal(2, examples.Count);
        FuzzCompilation compilation = await FuzzCompilation.CreateAsync();

        FuzzOutcome reported = await compilation.RunAsync(ImplicitUsings + examples[0].Groups[1].Value);
        Assert.Empty(reported.Problems);
        Assert.Contains(id, reported.RuleIds);

        FuzzOutcome fixedExample = await compilation.RunAsync(ImplicitUsings + examples[1].Groups[1].Value);
        Assert.Empty(fixedExample.Problems);
        Assert.Empty(fixedExample.UserErrors);
        Assert.Empty(fixedExample.RuleIds);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
