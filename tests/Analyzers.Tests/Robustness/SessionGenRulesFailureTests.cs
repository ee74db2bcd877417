using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Infrastructure;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Robustness;

/// <summary>
/// Registered one by one, a rule that threw cost the build its own diagnostics only (AD0001 named it); run from
/// <see cref="SessionGenRules"/>'s shared callbacks, it must not cost the rules after it theirs.
/// </summary>
public sealed class SessionGenRulesFailureTests
{
    private const string Source = """
        using SessionGen;

        [SessionProcess]
        public partial class Chat
        {
            [On("Open", StartsSession = true)]
            private static void Open(string topic) { }
        }
        """;

    [Fact]
    public async Task A_rule_that_throws_on_a_symbol_leaves_the_other_rules_reporting_on_it()
    {
        IReadOnlyList<string> ids = await DiagnosticIdsAsync(new SessionGenRules([new ThrowingRule(inRegister: false), new StaticHandlerAnalyzer()]));

        Assert.Contains("SGEN0011", ids);
        Assert.Contains("AD0001", ids);
    }

    [Fact]
    public async Task A_rule_that_throws_while_registering_leaves_the_other_rules_registered()
    {
        IReadOnlyList<string> ids = await DiagnosticIdsAsync(new SessionGenRules([new ThrowingRule(inRegister: true), new StaticHandlerAnalyzer()]));

        Assert.Contains("SGEN0011", ids);
        Assert.Contains("AD0001", ids);
    }

    private static async Task<IReadOnlyList<string>> DiagnosticIdsAsync(DiagnosticAnalyzer analyzer)
    {
        ImmutableArray<MetadataReference> references = (await TestReferences.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))
            .Add(TestReferences.SessionGen);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Throwing",
            [CSharpSyntaxTree.ParseText(Source, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest), path: "Chat.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Select(static diagnostic => diagnostic.Id).ToList();
    }

    /// <summary>A rule with a bug: it throws on every method, or while it registers.</summary>
#pragma warning disable RS1001, RS2008 // a rule of SessionGenRules, as every rule is; its descriptor is never reported
    private sealed class ThrowingRule(bool inRegister) : SessionGenAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("SGEN9999", "Never", "Never", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        internal override void Register(CompilationStartAnalysisContext context, SessionGenTypes types)
        {
            if (inRegister)
            {
                throw new InvalidOperationException("a rule's bug while registering");
            }

            context.RegisterSymbolAction(static _ => throw new InvalidOperationException("a rule's bug on a symbol"), SymbolKind.Method);
        }
    }
#pragma warning restore RS1001, RS2008
}
