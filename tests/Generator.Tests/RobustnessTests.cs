using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionGen.Generator.Tests.Infrastructure;
using SessionGen.Generator.Tests.Inputs;
using SessionGen.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// Invalid input never makes the generator throw and never brings an error or a warning with it: whatever it
/// generates compiles, and the user's own files keep exactly the diagnostics they had without it. What breaks
/// a rule is left out (the analyzers explain it); the rest of the process is still generated.
/// </summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> CaseNames => new(InvalidProcesses.Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Invalid_or_edge_input_adds_no_error_or_warning(string caseName)
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases[caseName]);

        run.AssertAddsNoProblems();
    }

    [Theory]
    [InlineData("non-partial class")]
    [InlineData("non-partial containing class")]
    [InlineData("generic process")]
    [InlineData("process in a generic type")]
    [InlineData("static process")]
    [InlineData("abstract process")]
    [InlineData("file-local process")]
    [InlineData("struct marked as a process")]
    [InlineData("user member named Client")]
    [InlineData("user member named Messages")]
    [InlineData("user field named sessionContext")]
    [InlineData("process named Client")]
    [InlineData("process named Messages")]
    [InlineData("process attribute on two parts")]
    public async Task Class_that_cannot_hold_the_generated_members_gets_nothing(string caseName)
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases[caseName]);

        run.AssertGeneratorSucceeded();
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("static handler")]
    [InlineData("generic handler")]
    [InlineData("async void handler")]
    [InlineData("ref parameter")]
    [InlineData("out parameter")]
    [InlineData("in parameter")]
    [InlineData("ref struct parameter")]
    [InlineData("ref struct result")]
    [InlineData("ref return")]
    [InlineData("unknown parameter type")]
    [InlineData("cancellation token not last")]
    [InlineData("duplicate operation")]
    [InlineData("operations differing only by first letter case")]
    [InlineData("invalid operation names")]
    [InlineData("operation named Messages")]
    [InlineData("user member named like a Schedule method")]
    [InlineData("user type named like a timeout's call")]
    [InlineData("duplicate timeout")]
    [InlineData("iterator handler")]
    [InlineData("non-generic iterator handler")]
    [InlineData("async iterator handler")]
    [InlineData("async enumerable result")]
    [InlineData("task of an async enumerable result")]
    [InlineData("iterator timeout")]
    public async Task Handler_that_breaks_a_rule_is_left_out_and_the_rest_is_generated(string caseName)
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases[caseName]);

        run.AssertGeneratorSucceeded();
        string text = run.SingleText();
        Assert.Contains("process.Start()", text);
        Assert.Contains("process.Good(message.Text)", text);
        Assert.Contains("StartAsync(", text);
        Assert.DoesNotContain("Bad", text);
    }

    [Fact]
    public async Task Process_without_a_starter_has_no_StartAsync_but_can_be_connected_to()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases["no starter"]);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.DoesNotContain("StartAsync", text);
        Assert.Contains("public static Client Connect(", text);
        Assert.Contains("GoodAsync(", text);
    }

    [Fact]
    public async Task Starters_with_the_same_parameters_get_one_StartAsync_but_both_are_dispatched()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases["starters with the same parameters"]);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Single(text.Split("StartAsync(global::SessionGen.ISessionHost").Skip(1));
        Assert.Contains("\"Restart\" => RestartOperation,", text);
    }

    [Fact]
    public async Task Generated_members_the_user_already_declares_are_left_out()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases["user members named like every optional member"]);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.DoesNotContain(" SessionId =>", text);
        Assert.DoesNotContain("void Emit(", text);
        Assert.DoesNotContain("void EmitTo(", text);
        Assert.DoesNotContain("void EndSession(", text);
        Assert.DoesNotContain(" After(", text);
        Assert.DoesNotContain("StartAsync(global::SessionGen.ISessionHost", text);
        Assert.DoesNotContain("Connect(", text);
        Assert.Contains("public sealed class Client", text);
    }

    [Fact]
    public async Task Process_without_a_parameterless_constructor_compiles_and_takes_its_parameters_from_the_hosts_services()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases["no parameterless constructor"]);

        run.AssertCompilesCleanly();
        Assert.Contains("global::SessionGen.Infrastructure.ProcessServices.Required<int>(services, \"P\", \"seed\"));", run.SingleText());
    }

    [Fact]
    public async Task Protocol_name_is_escaped_in_code_and_in_documentation()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases["protocol name with markup and a line break"]);

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains(": base(\"a <b> & \\\"c\\\"\\n// d\")", text);
        Assert.Contains("<c>a &lt;b&gt; &amp; \"c\" // d</c>", text);
    }

    [Fact]
    public async Task Keyword_named_types_and_namespaces_are_escaped_in_code_but_not_in_the_hint_name()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(InvalidProcesses.Cases["keyword-named process, container and namespace"]);

        run.AssertCompilesCleanly();
        Assert.Equal("namespace.class.struct+event.SessionGen.g.cs", Assert.Single(run.GeneratedSources).HintName);
        string text = run.SingleText();
        Assert.Contains("namespace @namespace.@class;\n", text);
        Assert.Contains("partial class @struct\n", text);
        Assert.Contains("partial class @event\n", text);
    }

    [Fact]
    public async Task Before_CSharp_10_the_namespace_is_a_block_and_the_generated_code_still_compiles()
    {
        const string source = """
            using SessionGen;

            namespace Sample.Older
            {
                [SessionProcess]
                public partial class Tally
                {
                    private int total;

                    [On("Add", StartsSession = true)]
                    private int Add(int amount) => total += amount;

                    [On("Note")]
                    private void Note(string text, int? weight) { }
                }
            }
            """;
        var options = new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Diagnose);
        Compilation input = (await TestCompilation.CreateAsync()).AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, options, "Input0.cs"));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SessionProcessGenerator().AsSourceGenerator()], parseOptions: options);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _);

        string text = Assert.Single(driver.GetRunResult().GeneratedTrees).ToString();
        Assert.Contains("namespace Sample.Older\n{\n    partial class Tally\n", text);
        Assert.DoesNotContain("namespace Sample.Older;", text);
        Assert.Empty(output.GetDiagnostics().Where(static diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public async Task From_CSharp_10_the_namespace_is_file_scoped()
    {
        GeneratorRun run = await GeneratorRun.RunAsync("""
            using SessionGen;

            namespace Sample.Newer;

            [SessionProcess]
            public partial class Tally
            {
                [On("Add", StartsSession = true)]
                private void Add(int amount) { }
            }
            """);

        run.AssertCompilesCleanly();
        Assert.StartsWith("// <auto-generated/>\n#nullable enable\n\nnamespace Sample.Newer;\n\npartial class Tally\n{\n", run.SingleText());
    }
}
