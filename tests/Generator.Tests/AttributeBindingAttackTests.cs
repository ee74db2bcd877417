using Microsoft.CodeAnalysis;
using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// Programs where reading handler attributes from syntax (and sharing name bindings between classes) could give
/// another answer than binding them. Each compares the generator's output with what the bound attributes say, or with
/// the same class forced onto the bound path (an attributed accessor makes the whole class read bound attributes).
/// </summary>
public sealed class AttributeBindingAttackTests
{
    private const string Forcer = "private int ForceBound { [System.Obsolete] get => 0; }";

    private static string Process(string name, string members, string head = "") => $$"""
        using SessionGen;
        {{head}}
        namespace Sample
        {
            [SessionProcess]
            public partial class {{name}}
            {
                [On("Start", StartsSession = true)] private void Start() { }
        {{members}}
            }
        }
        """;

    [Fact]
    public async Task The_forcer_does_not_change_plain_output()
    {
        GeneratorRun plain = await GeneratorRun.RunAsync(Process("P", """[On("Extra")] private void Extra() { }"""));
        GeneratorRun forced = await GeneratorRun.RunAsync(Process("P", """[On("Extra")] private void Extra() { }""" + "\n" + Forcer));
        Assert.Equal(plain.SingleText(), forced.SingleText());
    }

    [Fact]
    public async Task A_process_nested_in_an_interface_whose_base_interface_declares_OnAttribute_does_not_share_bindings()
    {
        // Inside IHost, the nested types of IBase are in scope; IHost has no base class, so the old check let it share.
        const string plain = """
            using SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Plain { [On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            """;
        const string hosted = """
            using SessionGen;
            namespace Sample;
            public interface IBase { public sealed class OnAttribute(string name) : System.Attribute { public string Name { get; } = name; } }
            public partial interface IHost : IBase
            {
                [SessionProcess]
                public partial class Hosted { [SessionGen.On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            }
            """;

        const string implementing = """
            using SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Implementing : IBase { [SessionGen.On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            """;

        foreach (string[] order in new[] { new[] { plain, hosted, implementing }, new[] { hosted, implementing, plain } })
        {
            GeneratorRun run = await GeneratorRun.RunAsync(order);
            run.AssertGeneratorSucceeded();
            AssertMatchesBound(run);
            Assert.Equal(3, run.GeneratedSources.Length);
        }
    }

    [Fact]
    public async Task A_type_parameter_called_OnAttribute_reads_as_binding_does()
    {
        const string plain = """
            using SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Plain { [On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            """;
        const string generic = """
            using SessionGen;
            namespace Sample;
            public partial class Outer<On, OnAttribute>
            {
                [SessionProcess]
                public partial class Inner { [SessionGen.On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            }
            """;

        foreach (string[] order in new[] { new[] { plain, generic }, new[] { generic, plain } })
        {
            GeneratorRun run = await GeneratorRun.RunAsync(order);
            Assert.Null(run.Result.Exception);
            AssertMatchesBound(run, skipUngenerated: true);
        }
    }

    [Fact]
    public async Task A_SessionGen_OnAttribute_of_another_shape_reads_as_binding_does()
    {
        // The user's own SessionGen.OnAttribute (no runtime reference needed for the name test): a second optional
        // constructor parameter makes the bound constructor arguments two, which the bound path does not read.
        const string shim = """
            namespace SessionGen
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class OnAttribute(string operation, int order = 0) : System.Attribute
                {
                    public string Operation { get; } = operation;
                    public int Order { get; } = order;
                    public bool StartsSession { get; set; }
                }
            }
            """;
        string process = Process("P", """[On("Extra")] private void Extra() { }""");
        string forcedProcess = Process("P", """[On("Extra")] private void Extra() { }""" + "\n" + Forcer);

        GeneratorRun run = await GeneratorRun.RunAsync(process, shim);
        GeneratorRun forced = await GeneratorRun.RunAsync(forcedProcess, shim);
        Assert.Equal(Texts(forced), Texts(run));
    }

    [Theory]
    [InlineData("public abstract class OnAttribute(string operation) : System.Attribute { public string Operation { get; } = operation; public bool StartsSession { get; set; } }")]
    [InlineData("[System.AttributeUsage(System.AttributeTargets.Class)] public sealed class OnAttribute(string operation) : System.Attribute { public string Operation { get; } = operation; public bool StartsSession { get; set; } }")]
    [InlineData("public sealed class OnAttribute : System.Attribute { private OnAttribute(string operation) { } public bool StartsSession { get; set; } }")]
    [InlineData("public sealed class OnAttribute(string operation) : System.Attribute { public string Operation { get; } = operation; public bool StartsSession { get; init; } }")]
    [InlineData("public sealed class OnAttribute(string operation) : System.Attribute { public string Operation { get; } = operation; public object? StartsSession { get; set; } }")]
    [InlineData("public class OnBase : System.Attribute { public bool StartsSession { get; set; } } public sealed class OnAttribute(string operation) : OnBase { public string Operation { get; } = operation; }")]
    [InlineData("public sealed class OnAttribute(params string[] operation) : System.Attribute { public bool StartsSession { get; set; } }")]
    [InlineData("public sealed class OnAttribute(string operation) : System.Attribute { public string Operation { get; } = operation; public bool[]? StartsSession { get; set; } }")]
    public async Task Other_SessionGen_OnAttribute_shapes_read_as_binding_does(string shim)
    {
        string source = "namespace SessionGen { " + shim + " }";
        string members = shim.Contains("bool[]", StringComparison.Ordinal)
            ? """[On("Extra", StartsSession = new[] { true })] private void Extra() { }"""
            : """[On("Extra", StartsSession = true)] private void Extra() { }""";
        GeneratorRun run = await GeneratorRun.RunAsync(Process("P", members), source);
        GeneratorRun forced = await GeneratorRun.RunAsync(Process("P", members + "\n" + Forcer), source);
        Assert.Null(run.Result.Exception);
        Assert.Null(forced.Result.Exception);
        Assert.Equal(Texts(forced), Texts(run));
    }

    [Fact]
    public async Task A_file_local_attribute_reached_through_a_qualified_name_is_not_shared()
    {
        // In its own file, S.On is the file-local SessionGen.OnAttribute of another shape; in the other file it is
        // SessionGen's. The qualifier S is no file-local type, so the old check shared the binding.
        const string local = """
            using SessionGen;
            using S = SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Local { [On("Start", StartsSession = true)] private void Start() { } [S.On("Extra")] private void Extra() { } }
            """;
        const string localType = """
            namespace SessionGen
            {
                file sealed class OnAttribute(string operation, int order = 0) : System.Attribute
                {
                    public string Operation { get; } = operation;
                    public int Order { get; } = order;
                }
            }
            """;
        const string plain = """
            using SessionGen;
            using S = SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Plain { [On("Start", StartsSession = true)] private void Start() { } [S.On("Extra")] private void Extra() { } }
            """;

        foreach (string[] order in new[] { new[] { local + "\n" + localType, plain }, new[] { plain, local + "\n" + localType } })
        {
            GeneratorRun run = await GeneratorRun.RunAsync(order);
            AssertMatchesBound(run);
        }
    }

    [Fact]
    public async Task Duplicate_single_use_attributes_read_as_binding_does()
    {
        string members = """
            [OnTimeout("A")][OnTimeout("B")] private void Expire() { }
            [On("X")][On("Y")] private void Both() { }
            [OnIdle][OnIdle] private void Idle() { }
            """;
        GeneratorRun run = await GeneratorRun.RunAsync(Process("P", members));
        GeneratorRun forced = await GeneratorRun.RunAsync(Process("P", members + "\n" + Forcer));
        run.AssertGeneratorSucceeded();
        Assert.Equal(Texts(forced), Texts(run));
    }

    [Theory]
    [InlineData("""[On("A" + "B")] private void M() { }""")]
    [InlineData("""[On($"AB")] private void M() { }""")]
    [InlineData("""[On(@"AB")] private void M() { }""")]
    [InlineData("[On(\"\"\"AB\"\"\")] private void M() { }")]
    [InlineData("""[On("A\u0042")] private void M() { }""")]
    [InlineData("""[On("AB",)] private void M() { }""")]
    [InlineData("""[On("AB", StartsSession = (true))] private void M() { }""")]
    [InlineData("""[On("AB", StartsSession: true)] private void M() { }""")]
    [InlineData("""[On("AB", StartsSession = true, StartsSession = false)] private void M() { }""")]
    [InlineData("""[On] private void M() { }""")]
    [InlineData("""[On(1)] private void M() { }""")]
    [InlineData("""[On("AB", "C")] private void M() { }""")]
    [InlineData("""[On(null)] private void M() { }""")]
    [InlineData("""[On("A\qB")] private void M() { }""")]
    [InlineData("""[OnIdle("x")] private void M() { }""")]
    [InlineData("""[OnTimeout("T", StartsSession = true)] private void M() { }""")]
    [InlineData("""[On("AB", Bogus = true)] private void M() { }""")]
    [InlineData("""[On("AB"u8)] private void M() { }""")]
    [InlineData("""[@On("AB")] private void M() { }""")]
    [InlineData("""[On("AB")] void System.IDisposable.Dispose() { }""")]
    [InlineData("""[On("AB")] private static void M() { }""")]
    [InlineData("""[On("AB")] private void M() { } [On("AB")] private void M() { }""")]
    [InlineData("""
        #if NEVER
        [On("Hidden")]
        #endif
        [On("AB")] private void M() { }
        """)]
    [InlineData("""
        #nullable disable
        [On("AB")] private void M(string s) { }
        #nullable restore
        """)]
    public async Task Odd_arguments_read_as_binding_does(string members)
    {
        GeneratorRun run = await GeneratorRun.RunAsync(Process("P", members));
        GeneratorRun forced = await GeneratorRun.RunAsync(Process("P", members + "\n" + Forcer));
        Assert.Null(run.Result.Exception);
        Assert.Equal(Texts(forced), Texts(run));
    }

    private static string[] Texts(GeneratorRun run) =>
        run.GeneratedSources.Select(static source => source.HintName + "\n" + source.SourceText).ToArray();

    /// <summary>Each generated process has an ExtraAsync exactly when Roslyn binds its Extra method's attribute to a SessionGen.OnAttribute with one argument.</summary>
    private static void AssertMatchesBound(GeneratorRun run, bool skipUngenerated = false)
    {
        foreach (SyntaxTree tree in run.Input.SyntaxTrees)
        {
            SemanticModel model = run.Input.GetSemanticModel(tree);
            foreach (Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Where(static m => m.Identifier.ValueText == "Extra"))
            {
                IMethodSymbol symbol = (IMethodSymbol)model.GetDeclaredSymbol(method)!;
                bool bound = symbol.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == "SessionGen.OnAttribute" && a.ConstructorArguments.Length == 1);
                string process = symbol.ContainingType.Name;
                GeneratedSourceResult[] sources = run.GeneratedSources.Where(s => s.HintName.Contains(process + ".", StringComparison.Ordinal)).ToArray();
                if (skipUngenerated && sources.Length == 0)
                {
                    continue; // a process the generator does not support (in a generic class)
                }

                Assert.True(sources.Length == 1, $"{process}: {string.Join(", ", run.GeneratedSources.Select(static s => s.HintName))}");
                Assert.True(bound == sources[0].SourceText.ToString().Contains("ExtraAsync", StringComparison.Ordinal), $"{process}: bound says {bound}");
            }
        }
    }
}
