using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Infrastructure;

namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// The compiler loads one analyzer, <see cref="SessionGenRules"/>, which runs every rule with one callback per symbol
/// (issue 16); the other tests run each rule on its own. These check that the two ways report the same.
/// </summary>
[Collection(nameof(RobustnessCollection))]
public sealed class SessionGenRulesTests
{
    [Fact]
    public void Runs_every_rule_once_and_is_the_only_analyzer_the_compiler_loads()
    {
        Type[] rules = typeof(SessionGenAnalyzer).Assembly.GetTypes()
            .Where(static type => !type.IsAbstract && typeof(SessionGenAnalyzer).IsAssignableFrom(type))
            .ToArray();
        Assert.Equal(rules.Select(static type => type.FullName).Order(), SessionGenRules.All().Select(static rule => rule.GetType().FullName).Order());
        Assert.Equal([typeof(SessionGenRules)], typeof(SessionGenAnalyzer).Assembly.GetTypes().Where(static type => type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null));
        Assert.Equal(
            SessionGenRules.All().SelectMany(static rule => rule.SupportedDiagnostics).Select(static descriptor => descriptor.Id).Order(),
            new SessionGenRules().SupportedDiagnostics.Select(static descriptor => descriptor.Id).Order());
    }

    [Fact]
    public async Task Reports_what_the_rules_report_each_on_its_own()
    {
        FuzzCompilation compilation = await FuzzCompilation.CreateAsync();
        ImmutableArray<DiagnosticAnalyzer> merged = [new SessionGenRules()];
        ImmutableArray<DiagnosticAnalyzer> separate = SessionGenRules.All().CastArray<DiagnosticAnalyzer>();
        var ids = new HashSet<string>();
        for (int iteration = 0; iteration < 400; iteration++)
        {
            var random = new Random(20261127 + iteration);
            string source = new SourceMutator(random).Mutate(FuzzSeeds.Processes[random.Next(FuzzSeeds.Processes.Length)]);
            IReadOnlyList<string> expected = await compilation.RuleDiagnosticsAsync(source, separate);
            Assert.Equal(expected, await compilation.RuleDiagnosticsAsync(source, merged));
            ids.UnionWith(expected.Select(static diagnostic => diagnostic[..8]));
        }

        // Comparing nothing with nothing would pass without testing anything: the mutants must reach many rules.
        Assert.True(ids.Count >= 15, $"the mutants reached only {ids.Count} rules: {string.Join(", ", ids.Order())}");
    }
}
