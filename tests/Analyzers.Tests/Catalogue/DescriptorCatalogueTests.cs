using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using SessionGen.Analyzers.Tests.Robustness;

namespace SessionGen.Analyzers.Tests.Catalogue;

/// <summary>The descriptor catalogue, the analyzers, the release tracking and the docs agree with each other.</summary>
public sealed partial class DescriptorCatalogueTests
{
    public static TheoryData<string> Ids => new(Descriptors().Select(static descriptor => descriptor.Id));

    [Fact]
    public void Ids_are_unique_and_numbered_from_SGEN0001_without_gaps()
    {
        string[] ids = Descriptors().Select(static descriptor => descriptor.Id).ToArray();
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(static n => $"SGEN{n:D4}"), ids.Order());
    }

    [Fact]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer()
    {
        var owners = FuzzCompilation.AllAnalyzers()
            .SelectMany(static analyzer => analyzer.SupportedDiagnostics.Select(descriptor => (descriptor.Id, Analyzer: analyzer.GetType().Name)))
            .ToList();
        Assert.Equal(Descriptors().Select(static descriptor => descriptor.Id).Order(), owners.Select(static owner => owner.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_category_help_link_and_a_message_that_says_what_to_do(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        Assert.Equal("SessionGen", descriptor.Category);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.Equal($"https://github.com/sessiongen/sessiongen/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        Assert.True(descriptor.DefaultSeverity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning, $"{id} is {descriptor.DefaultSeverity}");

        // "What is wrong; what to do": the second half is the advice.
        string message = descriptor.MessageFormat.ToString();
        Assert.Contains("; ", message);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_tracked_in_the_unshipped_release_with_its_severity(string id)
    {
        string unshipped = RepositoryFiles.Read("src", "Analyzers", "AnalyzerReleases.Unshipped.md");
        Assert.Matches($@"(?m)^{id} \| SessionGen \| {Descriptor(id).DefaultSeverity} \|", unshipped);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_a_page_titled_like_it_and_a_row_in_the_docs_table(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        Assert.True(RepositoryFiles.Exists("docs", "diagnostics", id + ".md"), $"docs/diagnostics/{id}.md is missing");
        string page = RepositoryFiles.Read("docs", "diagnostics", id + ".md");
        Assert.StartsWith($"# {id}: {descriptor.Title}", page);

        string readme = RepositoryFiles.Read("docs", "diagnostics", "README.md");
        Assert.Contains($"| [{id}]({id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} |", readme);
    }

    [Fact]
    public void The_docs_table_lists_no_rule_that_does_not_exist()
    {
        string readme = RepositoryFiles.Read("docs", "diagnostics", "README.md");
        string[] listed = TableRow().Matches(readme).Select(static match => match.Groups[1].Value).ToArray();
        Assert.Equal(Descriptors().Select(static descriptor => descriptor.Id).Order(), listed.Order());
    }

    internal static DiagnosticDescriptor[] Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(static field => (DiagnosticDescriptor)field.GetValue(null)!)
            .ToArray();

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors().Single(descriptor => descriptor.Id == id);

    [GeneratedRegex(@"(?m)^\| \[(SGEN\d{4})\]")]
    private static partial Regex TableRow();
}
