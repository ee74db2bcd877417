using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionGen.Generator.Tests.Infrastructure;
using static SessionGen.Generator.Tests.Infrastructure.SyntaxAndSymbolPaths;

namespace SessionGen.Generator.Tests;

/// <summary>
/// A hostile review of the syntax path (issue 16): inputs where reading a signature from syntax and binding each type
/// at the start of the class body might disagree with the method symbol. Each one is generated from one declaration
/// (syntax path) and with an empty second <c>partial</c> declaration (symbol path), and the texts must be equal.
/// </summary>
public sealed class SignatureAttackTests
{
    public static TheoryData<string, string, string> Attacks => new()
    {
        {
            "a return type spelled System.Void",
            "",
            Process("""
                [On("A", StartsSession = true)] private void A() { }
                [On("B")] private System.Void B() { }
                [On("C")] private global::System.Void C(int x) { }
                """)
        },
        {
            "nullable annotations under #nullable disable",
            "",
            Process("""
                [On("A", StartsSession = true)] private void A() { }
                #nullable disable
                [On("B")] private string? B(string? x, List<string?> y, string?[]? z, SessionCaller? caller) => x;
                [On("C")] private Task<string?> C(SessionCaller caller) => null;
                #nullable restore
                """)
        },
        {
            "a file under #nullable enable annotations",
            "",
            "#nullable enable annotations\n" + Process("""
                [On("A", StartsSession = true)] private string? A(string x, List<string?> y, SessionCaller caller) => x;
                [On("B")] private string B(string? x, SessionCaller? caller) => "";
                """)
        },
        {
            "a file under #nullable disable warnings",
            "",
            "#nullable disable warnings\n" + Process("""
                [On("A", StartsSession = true)] private string? A(string x, List<string?> y, SessionCaller caller) => x;
                """)
        },
        {
            "a #nullable directive inside a type argument list",
            "",
            Process("""
                [On("A", StartsSession = true)] private Dictionary<string,
                #nullable disable
                    string> A(List<
                #nullable enable
                    string> x) => null!;
                """)
        },
        {
            "arrays of nullables and named tuples",
            "",
            Process("""
                [On("A", StartsSession = true)] private string?[]? A(string?[]?[] x, (int a, string? b) t, (int a, string? b)? u) => null;
                [On("B")] private Task<(string? Name, List<(int? X, string? Y)> Items)> B() => null!;
                """)
        },
        {
            "aliases to nullable types",
            "",
            """
            using MaybeInt = int?;
            using Names = System.Collections.Generic.List<string?>;
            using MaybeCaller = SessionGen.SessionCaller?;
            using MaybeText = string?;
            """ + Process("""
                [On("A", StartsSession = true)] private MaybeInt A(MaybeInt x, Names y) => x;
                [On("B")] private MaybeText B(MaybeText x, MaybeCaller caller) => x;
                """)
        },
        {
            "a type named like a member (Color Color) and types named var and dynamic",
            "",
            Process("""
                [On("A", StartsSession = true)] private Color A(Color Color, var v, dynamic d) => Color;
                private Color Color { get; set; }
                private Color Paint() => Color;
                """) + """

            namespace Sample
            {
                public enum Color { Red }
                public sealed class var { }
                public sealed class dynamic { }
            }
            """
        },
        {
            "pointers and function pointers",
            "",
            Process("""
                [On("A", StartsSession = true)] private void A() { }
                [On("B")] private unsafe void B(int* p) { }
                [On("C")] private unsafe void C(delegate*<int, void> f) { }
                [On("D")] private unsafe delegate*<void> D() => null;
                [On("E")] private void E(int* p) { }
                """)
        },
        {
            "global usings in another file",
            """
            global using Money = System.Decimal;
            global using static Sample.Catalog;
            namespace Sample { public static class Catalog { public sealed record Item(string Sku); } }
            """,
            Process("""
                [On("A", StartsSession = true)] private Money A(Money m, Item item) => m;
                """)
        },
        {
            "a nested type declared after the handler shadowing a namespace type",
            "",
            Process("""
                [On("A", StartsSession = true)] private Line A(Line line) => line;
                [On("B")] private Task B() => null!;
                public sealed record Line(int Number);
                public sealed class Task { }
                """) + "\nnamespace Sample { public sealed record Line(string Sku); }"
        },
        {
            "user types named Task and ValueTask imported by aliases",
            "namespace My { public sealed class Task { } public sealed class ValueTask<T> { } }",
            """
            using Task = My.Task;
            using VT = My.ValueTask<int>;
            """ + Process("""
                [On("A", StartsSession = true)] private Task A() => null!;
                [On("B")] private VT B() => null!;
                [On("C")] private ValueTask<int> C() => default;
                """)
        },
        {
            "a base class in another file with a nested type",
            """
            namespace Sample { public class Base { public sealed record Line(int Number); public sealed class Task { } } }
            """,
            Process("""
                [On("A", StartsSession = true)] private Line A(Line line) => line;
                [On("B")] private Task B() => null!;
                """, baseList: " : Base") + "\nnamespace Sample { public sealed record Line(string Sku); }"
        },
        {
            "a base class from metadata with nested types",
            "",
            Process("""
                [On("A", StartsSession = true)] private void A(Entry entry) { }
                """, baseList: " : System.Collections.Generic.Dictionary<string, int>") + "\nnamespace Sample { public sealed record Entry(string Sku); }"
        },
        {
            "escaped and unicode-escaped names",
            "",
            Process("""
                [On("A", StartsSession = true)] private void \u0041(string \u0078, int @y) { }
                [On("B")] private void B(@Sample.Line l) { }
                """) + "\nnamespace Sample { public sealed record Line(string Sku); }"
        },
        {
            "a whole file under #nullable disable with annotations written",
            "",
            "#nullable disable\n" + Process("""
                [On("A", StartsSession = true)] private string? A(string? x, List<string?>? y, SessionCaller? caller) => x;
                [On("B")] private Task<string?> B(SessionCaller caller, string?[]? z) => null;
                """)
        },
        {
            "a whole file under #nullable enable warnings",
            "",
            "#nullable enable warnings\n" + Process("""
                [On("A", StartsSession = true)] private string? A(string? x, List<string?> y, SessionCaller caller) => x;
                """)
        },
        {
            "types not accessible from the process (private and protected nested types of another class), static, constraint-violating and var types",
            "namespace Sample { public class Other { private sealed class Secret { } protected sealed class Guarded { } internal sealed class Open { } } }",
            Process("""
                [On("A", StartsSession = true)] private void A() { }
                [On("B")] private void B(Other.Secret s) { }
                [On("C")] private Other.Guarded C() => null!;
                [On("D")] private void D(Math m) { }
                [On("E")] private Nullable<string> E() => default;
                [On("F")] private var F(var v) => v;
                [On("G")] private void G(Other.Open o) { }
                [On("H")] private Other H(List<Other.Secret> list) => null!;
                """)
        },
        {
            "overrides of base methods declared with dynamic, params, nullable and tuple names",
            """
            namespace Sample
            {
                public abstract class Base
                {
                    public virtual dynamic A(dynamic x, params int[] rest) => x;
                    public abstract System.Collections.Generic.List<dynamic> B(string? s, (int a, int b) t);
                    public virtual string? C(string x) => x;
                    protected virtual object D(object o) => o;
                }
            }
            """,
            Process("""
                [On("A", StartsSession = true)] public override object A(object x, int[] rest) => x;
                [On("B")] public override List<object> B(string s, (int a, int b) t) => null!;
                [On("C")] public override string C(string? x) => "";
                [On("D")] protected override dynamic D(dynamic o) => o;
                """, baseList: " : Base")
        },
        {
            "native integers, long tuples, nested generics",
            "",
            Process("""
                [On("A", StartsSession = true)] private (int, int, int, int, int, int, int, int, string? s) A(nint a, nuint b, System.IntPtr c) => default;
                [On("B")] private Dictionary<string, Dictionary<int, List<string?>?>>? B() => null;
                """)
        },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Generates_what_the_bound_signature_does(string attack, string otherFile, string source)
    {
        string[] sources = otherFile.Length == 0 ? [source] : [source, otherFile];
        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(sources);
        GeneratorRun bound = await GeneratorRun.RunAsync([.. sources, SecondPart]);

        Assert.Null(fromSyntax.Result.Exception);
        string text = fromSyntax.SingleText();
        Assert.Contains("record A(", text);
        Assert.True(bound.SingleText() == text, attack + "\n--- syntax ---\n" + text + "\n--- bound ---\n" + bound.SingleText());
    }

    public static TheoryData<string, string> MemberAttacks => new()
    {
        { "a required init property called Emit", "public required int Emit { get; init; }" },
        { "a const called After", "private const int After = 1;" },
        { "an event field with declarators one called Connect", "private event System.Action? Other, Connect;" },
        { "a nested record called StartAsync and struct called State", "private sealed record StartAsync(int X); private struct State { }" },
        { "a unicode-escaped field called Emit", "private int \\u0045mit;" },
        { "a generic method called Correlate", "private void Correlate<T>() { }" },
        { "a partial property called EndSession", "public partial int EndSession { get; set; } public partial int EndSession { get => 1; set { } }" },
        { "a conversion operator", "public static implicit operator int(Spelled s) => 0;" },
        { "a static constructor and a field called SessionId", "static Spelled() { } private int SessionId;" },
        { "a constructor with a default parameter", "public Spelled(int retries = 3) { }" },
        { "an incomplete member", "private int" },
        { "a method named like the class", "private void Spelled() { }" },
    };

    [Theory]
    [MemberData(nameof(MemberAttacks))]
    public async Task Reads_the_members_the_class_symbol_does(string attack, string members)
    {
        string source = Process("[On(\"A\", StartsSession = true)] private void A() { }\n[OnTimeout(\"Expire\")] private void Expire() { }\n" + members);
        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(source);
        GeneratorRun bound = await GeneratorRun.RunAsync(source, SecondPart);

        Assert.Null(fromSyntax.Result.Exception);
        Assert.True(Texts(bound) == Texts(fromSyntax), attack + "\n--- syntax ---\n" + Texts(fromSyntax) + "\n--- bound ---\n" + Texts(bound));
    }

    public static TheoryData<string, string, string> Edits => new()
    {
        {
            "a global using static in another file changes",
            "global using static Sample.CatalogA;",
            "global using static Sample.CatalogB;"
        },
        {
            "a nested type is added to the base class in another file",
            "global using static Sample.CatalogA;\nnamespace Sample { public class Base { } }",
            "global using static Sample.CatalogA;\nnamespace Sample { public class Base { public sealed record Item(long Id); } }"
        },
        {
            "a global using alias is added in another file",
            "global using static Sample.CatalogA;",
            "global using static Sample.CatalogA;\nglobal using Item = Sample.CatalogB.Item;"
        },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task An_edit_elsewhere_that_changes_a_binding_changes_the_output(string edit, string before, string after)
    {
        string process = Process("[On(\"A\", StartsSession = true)] private Item A(Item item) => item;", baseList: before.Contains("Base") ? " : Base" : "");
        const string catalogs = """
            namespace Sample
            {
                public static class CatalogA { public sealed record Item(string Sku); }
                public static class CatalogB { public sealed record Item(int Number); }
            }
            """;
        Compilation compilation = await TestCompilation.CreateAsync(process, catalogs, before);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SessionProcessGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);
        driver = driver.RunGenerators(compilation);
        string first = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        SyntaxTree old = compilation.SyntaxTrees.ElementAt(2);
        Compilation edited = compilation.ReplaceSyntaxTree(old, TestCompilation.Parse(after, old.FilePath));
        driver = driver.RunGenerators(edited);
        string second = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        GeneratorRun fresh = await GeneratorRun.RunAsync(process, catalogs, after);
        Assert.True(fresh.SingleText() == second, edit);
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("a using alias in the process's file changes", "using Item = Sample.CatalogA.Item;\n", "using Item = Sample.CatalogB.Item;\n", "")]
    [InlineData("a nested type is added after the handler", "using static Sample.CatalogA;\n", "using static Sample.CatalogA;\n", "public sealed record Item(long Id);")]
    public async Task An_edit_of_the_process_file_changes_the_output(string edit, string usingsBefore, string usingsAfter, string added)
    {
        const string catalogs = """
            namespace Sample
            {
                public static class CatalogA { public sealed record Item(string Sku); }
                public static class CatalogB { public sealed record Item(int Number); }
            }
            """;
        const string handler = "[On(\"A\", StartsSession = true)] private Item A(Item item, string text, List<string> names) => item;";
        string before = usingsBefore + Process(handler);
        string after = usingsAfter + Process(handler + "\n" + added);
        Compilation compilation = await TestCompilation.CreateAsync(before, catalogs);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new SessionProcessGenerator().AsSourceGenerator()], parseOptions: TestCompilation.ParseOptions);
        driver = driver.RunGenerators(compilation);
        string first = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        SyntaxTree old = compilation.SyntaxTrees.First();
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, TestCompilation.Parse(after, old.FilePath)));
        string second = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();

        GeneratorRun fresh = await GeneratorRun.RunAsync(after, catalogs);
        GeneratorRun bound = await GeneratorRun.RunAsync(after, catalogs, SecondPart);
        Assert.True(fresh.SingleText() == second, edit);
        Assert.True(bound.SingleText() == second, edit);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Extern_aliases_and_internal_types_of_a_reference_read_as_the_bound_signature()
    {
        // Two references declare Lib.Line: one under the alias Old, one global; the second also has an internal type.
        MetadataReference Library(string name, string source, string? alias)
        {
            CSharpCompilation library = CSharpCompilation.Create(name, [TestCompilation.Parse(source, name + ".cs")], References.AllAsync().GetAwaiter().GetResult(), TestCompilation.Options);
            MetadataReference reference = library.ToMetadataReference();
            return alias is null ? reference : reference.WithAliases([alias]);
        }

        MetadataReference[] references =
        [
            Library("OldLib", "namespace Lib { public sealed record Line(string Sku); }", "Old"),
            Library("NewLib", "namespace Lib { public sealed record Line(int Number); internal sealed record Hidden(int X); }", null),
        ];
        string source = "extern alias Old;\n" + Process("""
            [On("A", StartsSession = true)] private Old::Lib.Line A(Old::Lib.Line line, Lib.Line other) => line;
            [On("B")] private void B(Lib.Hidden hidden) { }
            [On("C")] private global::Lib.Line C() => null!;
            """);

        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(references, source);
        GeneratorRun bound = await GeneratorRun.RunAsync(references, source, SecondPart);

        Assert.Null(fromSyntax.Result.Exception);
        Assert.Contains("record A(", fromSyntax.SingleText());
        Assert.True(bound.SingleText() == fromSyntax.SingleText(), "--- syntax ---\n" + fromSyntax.SingleText() + "\n--- bound ---\n" + bound.SingleText());
    }

    public static TheoryData<string, string[]> SharedScopes => new()
    {
        {
            "a process implementing an interface with a nested type",
            [
                "using SessionGen;\nnamespace Sample;\npublic interface IHasLine { public sealed record Line(int Number); }\n[SessionProcess] public partial class Implementing : IHasLine { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; }",
                "using SessionGen;\nnamespace Sample;\n[SessionProcess] public partial class Plain { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; }",
                "namespace Sample;\npublic sealed record Line(string Sku);",
            ]
        },
        {
            "two processes in one file in different namespaces, and one in the global namespace",
            [
                "using SessionGen;\nnamespace First { [SessionProcess] public partial class P1 { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; } public sealed record Line(string Sku); }\nnamespace Second { [SessionProcess] public partial class P2 { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; } public sealed record Line(int Number); }",
                "using SessionGen;\n[SessionProcess] public partial class P3 { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; }\npublic sealed record Line(long Id);",
            ]
        },
        {
            "processes nested in different outer classes, one declaring the name after the process",
            [
                "using SessionGen;\nnamespace Sample;\npublic partial class OuterA { [SessionProcess] public partial class P1 { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; } }",
                "using SessionGen;\nnamespace Sample;\npublic partial class OuterB { [SessionProcess] public partial class P2 { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; } }\npublic partial class OuterB { public sealed record Line(int Number); }",
                "namespace Sample;\npublic sealed record Line(string Sku);",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(SharedScopes))]
    public async Task Classes_that_may_share_a_scope_read_as_their_symbols(string attack, string[] sources)
    {
        foreach (string[] order in new[] { sources, sources.Reverse().ToArray() })
        {
            GeneratorRun fromSyntax = await GeneratorRun.RunAsync(order);
            string bindAll = string.Join("\n", fromSyntax.Input.GetSymbolsWithName(static _ => true, SymbolFilter.Type)
                .OfType<INamedTypeSymbol>()
                .Where(static type => type.GetAttributes().Any(static a => a.AttributeClass?.Name == "SessionProcessAttribute"))
                .Select(static type => Partial(type)));
            GeneratorRun bound = await GeneratorRun.RunAsync([.. order, bindAll]);

            Assert.Null(fromSyntax.Result.Exception);
            Assert.NotEmpty(fromSyntax.GeneratedSources);
            Assert.True(Texts(bound) == Texts(fromSyntax), attack + "\n--- syntax ---\n" + Texts(fromSyntax) + "\n--- bound ---\n" + Texts(bound));
        }
    }

    private static string Partial(INamedTypeSymbol type)
    {
        string text = "partial class " + type.Name + " { }";
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            text = "partial class " + outer.Name + " { " + text + " }";
        }

        return type.ContainingNamespace.IsGlobalNamespace ? text : "namespace " + type.ContainingNamespace.ToDisplayString() + " { " + text + " }";
    }

    private const string SecondPart = "namespace Sample { partial class Spelled { } }";

    private static string Process(string members, string baseList = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample
        {
            [SessionProcess]
            public partial class Spelled{{baseList}}
            {
        {{Indent(members)}}
            }
        }
        """;
}
