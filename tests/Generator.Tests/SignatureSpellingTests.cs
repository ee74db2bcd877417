using Microsoft.CodeAnalysis;
using SessionGen.Generator.Tests.Infrastructure;
using static SessionGen.Generator.Tests.Infrastructure.SyntaxAndSymbolPaths;

namespace SessionGen.Generator.Tests;

/// <summary>
/// The generator reads a handler's parameter and return types from syntax, binding each type on its own (issue 16),
/// and reads the method symbol's signature only when syntax is not certain. However a type is spelled, the output must
/// be what the symbol gives: each process below is generated twice, once as one declaration (read from syntax) and
/// once with an empty second <c>partial</c> declaration, which makes the generator read every handler from its bound
/// symbol, and the two texts must be equal.
/// </summary>
public sealed class SignatureSpellingTests
{
    public static TheoryData<string, string> Spellings => new()
    {
        {
            "aliases",
            """
            using Money = System.Decimal;
            using Names = System.Collections.Generic.List<string>;
            using Work = System.Threading.Tasks.Task;
            using Token = System.Threading.CancellationToken;
            """ + Process("""
                [On("A", StartsSession = true)] private Task<Money> A(Money amount, Names names) => Task.FromResult(amount);
                [On("B")] private Work B(string text, Token token) => Task.CompletedTask;
                """)
        },
        {
            "qualified and global:: names",
            Process("""
                [On("A", StartsSession = true)] private System.Threading.Tasks.Task<global::System.String> A(global::System.Int32 x, System.Threading.CancellationToken token) => System.Threading.Tasks.Task.FromResult("");
                [On("B")] private global::System.Threading.Tasks.ValueTask B(global::Sample.Line line) => default;
                [OnTimeout("Expire")] private global::System.Threading.Tasks.ValueTask<int> Expire() => default;
                """) + LineRecord
        },
        {
            "nested types of the process, one of them called Task",
            Process("""
                [On("A", StartsSession = true)] private Task A(Line line) => new Task();
                [On("B")] private Receipt B(Receipt.Kind kind) => new Receipt();
                [On("C")] private System.Threading.Tasks.Task<Line> C() => System.Threading.Tasks.Task.FromResult(new Line(""));
                public sealed record Line(string Sku);
                public sealed class Task { }
                public sealed class Receipt { public enum Kind { Paper, Mail } }
                """)
        },
        {
            "a type called Task in the process's namespace",
            Process("""
                [On("A", StartsSession = true)] private Task A() => new Task();
                [On("B")] private System.Threading.Tasks.Task B() => System.Threading.Tasks.Task.CompletedTask;
                [On("C")] private ValueTask<Task> C() => default;
                """) + """

            namespace Sample
            {
                public sealed class Task { }
            }
            """
        },
        {
            "generic types",
            Process("""
                [On("A", StartsSession = true)] private Dictionary<string, List<int>> A(IReadOnlyList<KeyValuePair<string, int[]>> pairs) => new();
                [On("B")] private ValueTask<IEnumerable<string>> B(HashSet<Line> lines) => default;
                [On("C")] private Task<Task<int>> C(Func<int, string> format) => Task.FromResult(Task.FromResult(0));
                """) + LineRecord
        },
        {
            "nullable annotations",
            Process("""
                [On("A", StartsSession = true)] private string? A(string? a, List<string?>? b, string?[] c, int? d, SessionCaller? caller) => a;
                [On("B")] private Task<string?> B(Dictionary<string, object?> map, Line? line, SessionCaller caller) => Task.FromResult<string?>(null);
                [On("C")] private ValueTask<List<string?>?> C((string? Name, int? Count) pair) => default;
                """) + LineRecord
        },
        {
            "a handler under #nullable disable",
            Process("""
                [On("A", StartsSession = true)] private string A(string a, List<string> b) => a;
                #nullable disable
                [On("B")] private string B(string b, List<string> list, SessionCaller caller) => b;
                #nullable restore
                [On("C")] private string? C(string c) => c;
                """)
        },
        {
            "a file under #nullable disable",
            "#nullable disable\n" + Process("""
                [On("A", StartsSession = true)] private string A(string a, List<string> b) => a;
                [On("B")] private Task<object> B(SessionCaller caller, object value) => Task.FromResult(value);
                """)
        },
        {
            "arrays and tuples",
            Process("""
                [On("A", StartsSession = true)] private int[][] A(string[,] grid, byte[] data) => [];
                [On("B")] private (int Count, string Name) B((string First, int) pair) => default;
                [On("C")] private Task<(int, int)> C(ValueTuple<int, string> raw, (Line, Line[])[] lines) => Task.FromResult((0, 0));
                """) + LineRecord
        },
        {
            "using static and a namespace's own usings",
            """
            using static Sample.Catalog;
            """ + Process("""
                [On("A", StartsSession = true)] private Item A(Item item, Item.Size size) => item;
                [On("B")] private Money B(Money amount) => amount;
                """, namespaceUsings: "using Money = decimal;") + """

            namespace Sample
            {
                public static class Catalog
                {
                    public sealed record Item(string Sku) { public enum Size { Small, Large } }
                }
            }
            """
        },
        {
            "escaped names and keyword types",
            Process("""
                [On("A", StartsSession = true)] private @string A(string @event, @int @class, nint n, dynamic d, object o) => @event;
                [On("B")] private void @B(System.String @string, Int32 @int) { }
                """) + """

            namespace Sample
            {
                public sealed class @string { }
                public sealed class @int { }
            }
            """
        },
        {
            "tokens, callers and the shapes that are left out",
            Process("""
                [On("A", StartsSession = true)] private Task A(SessionCaller caller, string x, CancellationToken token) => Task.CompletedTask;
                [On("B")] private void B(CancellationToken token, int x) { }
                [On("C")] private static void C() { }
                [On("D")] private async void D() => await Task.Yield();
                [On("E")] private IEnumerable<int> E() { yield return 1; }
                [On("F")] private IAsyncEnumerable<int> F() => throw null!;
                [On("G")] private Task<IAsyncEnumerator<int>> G() => throw null!;
                [On("H")] private void H(ref int x) { }
                [On("I")] private void I(params int[] values) { }
                [On("J")] private void J(Span<int> values) { }
                [On("K")] private ReadOnlySpan<int> K() => default;
                [On("L")] private void L(int x = 4, string? y = null) { }
                [On("M")] private void M(SessionCaller first, SessionCaller second) { }
                [On("N")] private void N(Missing missing) { }
                [On("O")] private Missing<int> O() => default!;
                [On("P")] private List<Missing> P() => default!;
                [OnTimeout("Q")] private void Q(SessionCaller caller) { }
                [On("R")] private ref int R() => throw null!;
                [On("S")] private void S([Correlation("order")] string id) { }
                [On("T")] private Task T(int value, CancellationToken token = default) => Task.CompletedTask;
                """)
        },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task Generates_what_the_bound_signature_does(string spelling, string source)
    {
        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(source);
        GeneratorRun bound = await GeneratorRun.RunAsync(source, SecondPart);

        fromSyntax.AssertGeneratorSucceeded();
        string text = fromSyntax.SingleText();
        Assert.Contains("record A(", text); // the first handler is one in every spelling: nothing compared is empty
        Assert.True(bound.SingleText() == text, spelling);
    }

    [Fact]
    public async Task A_nested_process_reads_its_signatures_as_the_bound_one()
    {
        const string source = """
            using SessionGen;
            namespace Sample
            {
                public partial class Outer
                {
                    public sealed record Line(string Sku);

                    [SessionProcess]
                    public partial class Inner
                    {
                        [On("A", StartsSession = true)] private Line A(Line line, Outer outer) => line;
                    }
                }
            }
            """;
        const string secondPart = "namespace Sample { partial class Outer { partial class Inner { } } }";

        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(source);
        GeneratorRun bound = await GeneratorRun.RunAsync(source, secondPart);

        fromSyntax.AssertCompilesCleanly();
        Assert.Contains("global::Sample.Outer.Line", fromSyntax.SingleText());
        Assert.Equal(bound.SingleText(), fromSyntax.SingleText());
    }

    [Fact]
    public async Task Classes_whose_type_names_bind_differently_in_the_same_namespace_and_usings_are_read_apart()
    {
        // The same namespace and usings in every file, but 'Line' is the namespace's record only in Plain: Shadowed
        // sees its base class's nested Line, Local a file-local Line of its own file, Nested its own nested one.
        string plain = Header + "[SessionProcess] public partial class Plain { [On(\"A\", StartsSession = true)] private Line A(Line line) => line; }";
        string shadowed = Header + """
            public class Base { public sealed record Line(int Number); }
            [SessionProcess] public partial class Shadowed : Base { [On("A", StartsSession = true)] private Line A(Line line) => line; }
            """;
        string local = Header + """
            file sealed record Line(bool Flag);
            [SessionProcess] public partial class Local { [On("A", StartsSession = true)] private Line A(Line line) => line; }
            """;
        string nested = Header + """
            [SessionProcess] public partial class Nested { [On("A", StartsSession = true)] private Line A(Line line) => line; public sealed record Line(long Id); }
            """;
        string shared = Header + "public sealed record Line(string Sku);";

        foreach (string[] order in new[] { new[] { shared, plain, shadowed, local, nested }, new[] { shared, nested, local, shadowed, plain } })
        {
            GeneratorRun run = await GeneratorRun.RunAsync(order);

            run.AssertGeneratorSucceeded();
            Assert.Equal(4, run.GeneratedSources.Length);
            foreach (GeneratedSourceResult source in run.GeneratedSources)
            {
                string text = source.SourceText.ToString();
                string expected = source.HintName.Split('.')[1] switch
                {
                    "Plain" => "global::Sample.Line Line",
                    "Shadowed" => "global::Sample.Base.Line Line",
                    "Nested" => "global::Sample.Nested.Line Line",
                    _ => "record A(", // a file-local type in a message: the handler is left out or the type written as bound
                };
                Assert.Contains(expected, text);
            }

            // Each one as the bound symbols give it (a second, empty part of each class makes the generator bind them).
            GeneratorRun bound = await GeneratorRun.RunAsync([.. order, Header + "partial class Plain { } partial class Shadowed { } partial class Local { } partial class Nested { }"]);
            Assert.Equal(
                bound.GeneratedSources.Select(static source => (source.HintName, source.SourceText.ToString())).OrderBy(static pair => pair.HintName),
                run.GeneratedSources.Select(static source => (source.HintName, source.SourceText.ToString())).OrderBy(static pair => pair.HintName));
        }
    }

    private const string Header = """
        using SessionGen;
        namespace Sample;

        """;

    private const string SecondPart = "namespace Sample { partial class Spelled { } }";

    private const string LineRecord = """

        namespace Sample
        {
            public sealed record Line(string Sku);
        }
        """;

    private static string Process(string members, string namespaceUsings = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample
        {
            {{namespaceUsings}}

            [SessionProcess]
            public partial class Spelled
            {
        {{Indent(members)}}
            }
        }
        """;
}
