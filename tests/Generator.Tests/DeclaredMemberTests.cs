using SessionGen.Generator.Tests.Infrastructure;
using static SessionGen.Generator.Tests.Infrastructure.SyntaxAndSymbolPaths;

namespace SessionGen.Generator.Tests;

/// <summary>
/// The generator reads a process's member names and constructors from its one declaration (issue 16), and from the
/// class symbol when the syntax cannot say for certain or the class has several declarations. Each process below is
/// generated twice, as one declaration and with an empty second <c>partial</c> declaration (which makes the generator
/// ask the symbols), and the two outputs must be equal.
/// </summary>
public sealed class DeclaredMemberTests
{
    private const string Handlers = """
        [On("Start", StartsSession = true)] private void Start(string id) { }
        [OnTimeout("Expire")] private void Expire() { }
        [OnTimeout("Remind")] private void Remind() { }
        """;

    public static TheoryData<string, string> Members => new()
    {
        { "no members of the generated names", "" },
        { "a property called Emit", "private int Emit { get; set; }" },
        { "an expression-bodied property called After", "private int After => 1;" },
        { "a field called EndSession and one called SessionId", "private int EndSession, SessionId;" },
        { "a field-like event called Connect", "private event System.Action? Connect;" },
        { "an event with accessors called EmitTo", "private event System.Action EmitTo { add { } remove { } }" },
        { "a nested type called StartAsync", "private sealed class StartAsync { }" },
        { "a nested enum called After and a delegate called Emit", "private enum After { A } private delegate void Emit();" },
        { "a method called Correlate and one called ProtocolDiagram", "private void Correlate() { } private void ProtocolDiagram(int x) { }" },
        { "a method taking a timeout's schedule name", "private void ScheduleExpire(System.TimeSpan delay) { }" },
        { "a nested type taking a timeout's call type name", "private sealed class RemindTimeoutCall { }" },
        { "an init-only property with a timeout's schedule name", "private int ScheduleRemind { get; init; }" },
        { "an indexer", "private int this[int index] => index;" },
        { "an operator", "public static Process operator +(Process left, Process right) => left;" },
        { "an explicit interface implementation", "void System.IDisposable.Dispose() { }" },
        { "a destructor", "~Process() { }" },
        { "a static constructor", "static Process() { }" },
        { "an explicit parameterless constructor", "public Process() { }" },
        { "a constructor taking services", "public Process(System.IServiceProvider services, int retries = 3) { }" },
        { "constructors of which one takes nothing", "public Process(string name) { } private Process() { }" },
        { "a constructor that cannot take services", "public Process(ref int value) { }" },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public async Task Generates_what_the_class_symbol_does(string members, string declared)
    {
        string source = Source(declared, primaryConstructor: "");
        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(source);
        GeneratorRun bound = await GeneratorRun.RunAsync(source, SecondPart);

        fromSyntax.AssertGeneratorSucceeded();
        Assert.True(Texts(bound) == Texts(fromSyntax), members);
        Assert.Contains("record Start(", Texts(fromSyntax)); // nothing compared is empty
    }

    [Theory]
    [InlineData("(System.IServiceProvider services)")]
    [InlineData("()")]
    public async Task A_primary_constructor_is_read_from_the_symbol(string parameters)
    {
        string source = Source("", primaryConstructor: parameters);
        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(source);
        GeneratorRun bound = await GeneratorRun.RunAsync(source, SecondPart);

        fromSyntax.AssertGeneratorSucceeded();
        Assert.Equal(Texts(bound), Texts(fromSyntax));
    }

    [Fact]
    public async Task A_member_with_an_essential_generated_name_leaves_the_process_out_either_way()
    {
        string source = Source("private sealed class Client { }", primaryConstructor: "");
        GeneratorRun fromSyntax = await GeneratorRun.RunAsync(source);
        GeneratorRun bound = await GeneratorRun.RunAsync(source, SecondPart);

        Assert.Empty(fromSyntax.GeneratedSources);
        Assert.Empty(bound.GeneratedSources);
    }

    private const string SecondPart = "namespace Sample { partial class Process { } }";

    private static string Source(string members, string primaryConstructor) => $$"""
        using SessionGen;

        namespace Sample
        {
            [SessionProcess]
            public partial class Process{{primaryConstructor}}
            {
                {{Handlers.Replace("\n", "\n        ", StringComparison.Ordinal)}}
                {{members}}
            }
        }
        """;
}
