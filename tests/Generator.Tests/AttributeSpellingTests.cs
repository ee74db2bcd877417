using SessionGen.Generator.Tests.Infrastructure;

namespace SessionGen.Generator.Tests;

/// <summary>
/// The generator reads a handler's attributes from syntax when it can be sure of the answer, and binds them otherwise
/// (issue 16). However an attribute is spelled, the output must be what binding gives: each spelling below generates
/// exactly the text of the plain one, and an attribute class of another namespace that is also called <c>On</c> is
/// not SessionGen's.
/// </summary>
public sealed class AttributeSpellingTests
{
    private const string Plain = """
        [On("Start", StartsSession = true)] private void Start(string id) { }
        [On("Add")] private int Add(int amount) => amount;
        [OnTimeout("Expire")] private void Expire() { }
        [OnIdle] private void Idle() { }
        private void Other() { }
        """;

    public static TheoryData<string, string, string> Spellings => new()
    {
        {
            "an alias of the attribute class",
            "using Handler = SessionGen.OnAttribute;",
            """
            [Handler("Start", StartsSession = true)] private void Start(string id) { }
            [Handler("Add")] private int Add(int amount) => amount;
            [OnTimeout("Expire")] private void Expire() { }
            [OnIdle] private void Idle() { }
            private void Other() { }
            """
        },
        {
            "qualified names",
            "",
            """
            [SessionGen.On("Start", StartsSession = true)] private void Start(string id) { }
            [global::SessionGen.OnAttribute("Add")] private int Add(int amount) => amount;
            [SessionGen.OnTimeoutAttribute("Expire")] private void Expire() { }
            [global::SessionGen.OnIdle] private void Idle() { }
            private void Other() { }
            """
        },
        {
            "the class's full name",
            "",
            """
            [OnAttribute("Start", StartsSession = true)] private void Start(string id) { }
            [OnAttribute("Add")] private int Add(int amount) => amount;
            [OnTimeoutAttribute("Expire")] private void Expire() { }
            [OnIdleAttribute()] private void Idle() { }
            private void Other() { }
            """
        },
        {
            "named and reordered arguments",
            "",
            """
            [On(StartsSession = true, operation: "Start")] private void Start(string id) { }
            [On(operation: "Add", StartsSession = false)] private int Add(int amount) => amount;
            [OnTimeout(name: "Expire")] private void Expire() { }
            [OnIdle] private void Idle() { }
            private void Other() { }
            """
        },
        {
            "constants and nameof",
            "",
            """
            private const string StartName = "Sta" + "rt";
            private const bool Starts = true;
            [On(StartName, StartsSession = Starts)] private void Start(string id) { }
            [On(nameof(Add))] private int Add(int amount) => amount;
            [OnTimeout(Names.Expire)] private void Expire() { }
            [OnIdle] private void Idle() { }
            private void Other() { }
            private static class Names { public const string Expire = nameof(Expire); }
            """
        },
        {
            "targets, several lists and other attributes",
            "",
            """
            [method: On("Start", StartsSession = true)] private void Start(string id) { }
            [System.ComponentModel.Description("adds")][return: System.ComponentModel.Description("sum")][On("Add")] private int Add(int amount) => amount;
            [System.Diagnostics.DebuggerStepThrough, OnTimeout("Expire")] private void Expire() { }
            [OnIdle][System.ComponentModel.Description("idle")] private void Idle() { }
            [System.ComponentModel.Description("other")] private void Other() { }
            """
        },
        {
            "an attribute class called On in another namespace",
            "",
            """
            [On("Start", StartsSession = true)] private void Start(string id) { }
            [On("Add")] private int Add(int amount) => amount;
            [OnTimeout("Expire")] private void Expire() { }
            [OnIdle] private void Idle() { }
            [Elsewhere.On("Extra")] private void Other() { }
            """
        },
        {
            "a nested attribute class called On, which the process's own methods see first",
            "",
            """
            [SessionGen.On("Start", StartsSession = true)] private void Start(string id) { }
            [SessionGen.On("Add")] private int Add(int amount) => amount;
            [SessionGen.OnTimeout("Expire")] private void Expire() { }
            [SessionGen.OnIdle] private void Idle() { }
            [On("Extra")] private void Other() { }
            [OnTimeout("Later")] private void Later() { }
            private sealed class OnAttribute(string name) : System.Attribute { public string Name { get; } = name; }
            private sealed class OnTimeout(string name) : System.Attribute { public string Name { get; } = name; }
            """
        },
        {
            "generic and explicit members around the handlers",
            "",
            """
            [On("Start", StartsSession = true)] private void Start(string id) { }
            [On("Add")] private int Add(int amount) => amount;
            [OnTimeout("Expire")] private void Expire() { }
            [OnIdle] private void Idle() { }
            private void Other() { }
            [On("Generic")] private void Generic<T>() { }
            [OnTimeout("GenericTimeout")] private void GenericTimeout<T>() { }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task Generates_what_the_plain_spelling_does(string spelling, string usings, string members)
    {
        GeneratorRun plain = await GeneratorRun.RunAsync(Source("", Plain));
        GeneratorRun spelled = await GeneratorRun.RunAsync(Source(usings, members));

        spelled.AssertGeneratorSucceeded();
        Assert.True(plain.SingleText() == spelled.SingleText(), spelling);
    }

    [Fact]
    public async Task A_nested_attribute_class_called_On_takes_over_the_plain_name()
    {
        GeneratorRun run = await GeneratorRun.RunAsync(Source("", """
            [SessionGen.On("Start", StartsSession = true)] private void Start(string id) { }
            [On("Extra")] private void Extra() { }
            private sealed class OnAttribute(string name) : System.Attribute { public string Name { get; } = name; }
            """));

        run.AssertCompilesCleanly();
        string text = run.SingleText();
        Assert.Contains("StartAsync", text);
        Assert.DoesNotContain("Extra", text);
    }

    [Fact]
    public async Task A_nested_attribute_class_On_shadows_SessionGens()
    {
        // The class's own 'On' is found before the using's SessionGen.OnAttribute.
        GeneratorRun run = await GeneratorRun.RunAsync(Source("", """
            [SessionGen.On("Start", StartsSession = true)] private void Start(string id) { }
            [On("Extra")] private void Extra() { }
            private sealed class On : System.Attribute { public On(string name) { } }
            """));

        run.AssertGeneratorSucceeded();
        Assert.DoesNotContain("Extra", run.SingleText());
    }

    [Fact]
    public async Task Classes_whose_names_bind_differently_in_the_same_namespace_and_usings_are_read_apart()
    {
        // The same namespace and usings in every file, but 'On' binds to SessionGen's only in Plain: Shadowed sees its
        // base class's nested OnAttribute, Local a file-local OnAttribute of its own file, Nested its own nested one.
        const string plain = """
            using SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Plain { [On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            """;
        const string shadowed = """
            using SessionGen;
            namespace Sample;
            public class Base { protected sealed class OnAttribute(string name) : System.Attribute { public string Name { get; } = name; } }
            [SessionProcess]
            public partial class Shadowed : Base { [SessionGen.On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            """;
        const string local = """
            using SessionGen;
            namespace Sample;
            file sealed class OnAttribute(string name) : System.Attribute { public string Name { get; } = name; }
            [SessionProcess]
            public partial class Local { [SessionGen.On("Start", StartsSession = true)] private void Start() { } [On("Extra")] private void Extra() { } }
            """;
        const string nested = """
            using SessionGen;
            namespace Sample;
            [SessionProcess]
            public partial class Nested
            {
                [SessionGen.On("Start", StartsSession = true)] private void Start() { }
                [On("Extra")] private void Extra() { }
                private sealed class OnAttribute(string name) : System.Attribute { public string Name { get; } = name; }
            }
            """;

        foreach (string[] order in new[] { new[] { plain, shadowed, local, nested }, new[] { nested, local, shadowed, plain } })
        {
            GeneratorRun run = await GeneratorRun.RunAsync(order);

            run.AssertCompilesCleanly();
            foreach (Microsoft.CodeAnalysis.GeneratedSourceResult source in run.GeneratedSources)
            {
                string text = source.SourceText.ToString();
                Assert.Contains("StartAsync", text);
                Assert.Equal(source.HintName.StartsWith("Sample.Plain.", StringComparison.Ordinal), text.Contains("ExtraAsync", StringComparison.Ordinal));
            }

            Assert.Equal(4, run.GeneratedSources.Length);
        }
    }

    private static string Source(string usings, string members) => $$"""
        using SessionGen;
        {{usings}}

        namespace Sample
        {
            [SessionProcess]
            public partial class Spelled
            {
        {{Indent(members)}}
            }
        }

        namespace Elsewhere
        {
            [System.AttributeUsage(System.AttributeTargets.Method)]
            public sealed class OnAttribute(string name) : System.Attribute
            {
                public string Name { get; } = name;
            }
        }
        """;

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(static line => "        " + line));
}
