namespace SessionGen.Generator.Tests.Inputs;

/// <summary>
/// Processes that break a rule of API.md, or sit at its edges. Each has a valid starter <c>Start</c> and a valid
/// operation <c>Good</c> unless the case is about them; whatever breaks a rule is named <c>Bad</c>.
/// </summary>
internal static class InvalidProcesses
{
    public const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using SessionGen;

        namespace Sample;

        """;

    /// <summary>Case name to source; the process body goes inside a <c>[SessionProcess] public partial class P</c> unless the source is complete.</summary>
    public static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>
    {
        ["protocol with null states in AcceptedIn and MovesTo"] = Usings + """
            public enum S { A, [FinalState] B }

            [SessionProcess(States = typeof(S))]
            public partial class P
            {
                [On("Start", StartsSession = true)] private void Start() { }
                [On("Bad"), AcceptedIn(null), MovesTo(null)] private void Bad() { }
                [On("Good"), AcceptedIn(S.A), MovesTo(S.B)] private void Good() => MoveTo(S.B);
            }
            """,
        ["protocol whose enum has an alias member"] = Usings + """
            public enum S { Open, Reopened = Open, [FinalState] Closed }

            [SessionProcess(States = typeof(S))]
            public partial class P
            {
                [On("Start", StartsSession = true)] private void Start() { }
                [On("Good"), AcceptedIn(S.Reopened), MovesTo(S.Closed)] private void Good() => MoveTo(S.Closed);
            }
            """,
        ["handlers named with escaped keywords"] = Usings + """
            [SessionProcess]
            public partial class P
            {
                [On("Start", StartsSession = true)] private void @class() { }
                [On("Good")] private int @event(int @int) => @int;
                [OnTimeout("Later")] private void @while() { }
                [OnFault] private void @catch(SessionFaultedException fault) { }
            }
            """,
        ["non-partial class"] = Usings + """
            [SessionProcess]
            public class P
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }
            """,
        ["non-partial containing class"] = Usings + """
            public class Outer
            {
                [SessionProcess]
                public partial class P
                {
                    [On("Start", StartsSession = true)] private void Start() { }
                }
            }
            """,
        ["generic process"] = Usings + """
            [SessionProcess]
            public partial class P<T>
            {
                [On("Start", StartsSession = true)] private void Start(T value) { }
            }
            """,
        ["process in a generic type"] = Usings + """
            public partial class Outer<T>
            {
                [SessionProcess]
                public partial class P
                {
                    [On("Start", StartsSession = true)] private void Start() { }
                }
            }
            """,
        ["static process"] = Usings + """
            [SessionProcess]
            public static partial class P
            {
            }
            """,
        ["abstract process"] = Usings + """
            [SessionProcess]
            public abstract partial class P
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }
            """,
        ["file-local process"] = Usings + """
            [SessionProcess]
            file partial class P
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }
            """,
        ["static handler"] = Process("""
            [On("Bad")] private static void Bad() { }
            """),
        ["generic handler"] = Process("""
            [On("Bad")] private void Bad<T>(T value) { }
            """),
        ["async void handler"] = Process("""
            [On("Bad")] private async void Bad() => await Task.Yield();
            """),
        ["ref parameter"] = Process("""
            [On("Bad")] private void Bad(ref int value) { }
            """),
        ["out parameter"] = Process("""
            [On("Bad")] private void Bad(out int value) => value = 0;
            """),
        ["in parameter"] = Process("""
            [On("Bad")] private void Bad(in int value) { }
            """),
        ["ref struct parameter"] = Process("""
            [On("Bad")] private void Bad(Span<int> values) { }
            """),
        ["ref struct result"] = Process("""
            [On("Bad")] private Span<int> Bad() => default;
            """),
        ["ref return"] = Process("""
            private int field;
            [On("Bad")] private ref int Bad() => ref field;
            """),
        ["unknown parameter type"] = Process("""
            [On("Bad")] private void Bad(Missing value) { }
            """),
        ["cancellation token not last"] = Process("""
            [On("Bad")] private void Bad(CancellationToken token, int value) { }
            """),
        ["duplicate operation"] = Process("""
            [On("Good")] private void Bad() { }
            """),
        ["operations differing only by first letter case"] = Process("""
            [On("good")] private void Bad() { }
            """),
        ["invalid operation names"] = Process("""
            [On("not valid")] private void Bad() { }
            [On("class")] private void Bad2() { }
            [On("")] private void Bad3() { }
            [On(null!)] private void Bad4() { }
            """),
        ["no starter"] = Usings + """
            [SessionProcess]
            public partial class P
            {
                [On("Good")] private void Good() { }
            }
            """,
        ["no handlers at all"] = Usings + """
            [SessionProcess]
            public partial class P
            {
            }
            """,
        ["starters with the same parameters"] = Process("""
            [On("Restart", StartsSession = true)] private void Bad() { }
            """),
        ["no parameterless constructor"] = Process("""
            public P(int seed) { }
            """),
        ["user member named Emit"] = Process("""
            private void Emit(string text) { }
            """),
        ["user members named like every optional member"] = Process("""
            public int SessionId => 0;
            private void Emit() { }
            private void EmitTo() { }
            private void EndSession() { }
            private void After() { }
            private static void StartAsync() { }
            private static void Connect() { }
            """),
        ["user member named Client"] = Process("""
            public sealed class Client { }
            """),
        ["user member named Messages"] = Process("""
            private int Messages => 0;
            """),
        ["user field named sessionContext"] = Process("""
            private object? sessionContext;
            """),
        ["user member named like a Schedule method"] = Process("""
            [OnTimeout("Bad")] private void Bad() { }
            private void ScheduleBad(TimeSpan delay) { }
            """),
        ["user type named like a timeout's call"] = Process("""
            [OnTimeout("Bad")] private void Bad(int n) { }
            private struct BadTimeoutCall { }
            """),
        ["duplicate timeout"] = Process("""
            [OnTimeout("Tick")] private void Tick() { }
            [OnTimeout("Tick")] private void Bad() { }
            """),
        // Lazy results: their code would run when the caller enumerates them, after the turn (SGEN0029).
        ["iterator handler"] = Process("""
            [On("Bad")] private System.Collections.Generic.IEnumerable<int> Bad() { yield return 1; }
            """),
        ["non-generic iterator handler"] = Process("""
            [On("Bad")] private System.Collections.IEnumerator Bad() { yield return 1; }
            """),
        ["async iterator handler"] = Process("""
            [On("Bad")] private async System.Collections.Generic.IAsyncEnumerable<int> Bad() { await Task.Yield(); yield return 1; }
            """),
        ["async enumerable result"] = Process("""
            [On("Bad")] private System.Collections.Generic.IAsyncEnumerable<int> Bad(System.Collections.Generic.IAsyncEnumerable<int> items) => items;
            """),
        ["task of an async enumerable result"] = Process("""
            [On("Bad")] private Task<System.Collections.Generic.IAsyncEnumerator<int>> Bad() => Task.FromResult<System.Collections.Generic.IAsyncEnumerator<int>>(null!);
            """),
        ["iterator timeout"] = Process("""
            [OnTimeout("Later")] private System.Collections.Generic.IEnumerable<int> Bad() { yield return 1; }
            """),
        ["two On attributes on one method"] = Process("""
            [On("Bad"), On("Bad2")] private void Bad() { }
            """),
        ["struct marked as a process"] = Usings + """
            [SessionProcess]
            public partial struct P
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }
            """,
        ["syntax errors"] = Usings + """
            [SessionProcess]
            public partial class P
            {
                [On("Start", StartsSession = true)] private void Start( { }
                [On("Good")] private int Good() => ;
            """,
        ["process named Client"] = Usings + """
            [SessionProcess]
            public partial class Client
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }
            """,
        ["process named Messages"] = Usings + """
            [SessionProcess]
            public partial class Messages
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }
            """,
        ["process attribute on two parts"] = Usings + """
            [SessionProcess]
            public partial class Twice
            {
                [On("Start", StartsSession = true)] private void Start() { }
            }

            [SessionProcess]
            public partial class Twice
            {
                [On("Ping")] private void Ping() { }
            }
            """,
        ["operation named Messages"] = Process("""
            [On("Messages")] private void Bad() { }
            """),
        ["operation named SessionDefinition"] = Process("""
            [On("SessionDefinition")] private void Bad() { }
            """),
        ["operation named Client"] = Process("""
            [On("Client")] private void Bad() { }
            """),
        ["protocol name with markup and a line break"] = Usings + """
            [SessionProcess("a <b> & \"c\"\n// d")]
            public partial class P
            {
                [On("Start", StartsSession = true)] private void Start() { }
                [On("Good")] private void Good() { }
            }
            """,
        ["keyword-named process, container and namespace"] = """
            using SessionGen;

            namespace @namespace.@class
            {
                public partial class @struct
                {
                    [SessionProcess]
                    public partial class @event
                    {
                        [On("Start", StartsSession = true)] private void Start() { }
                        [On("Good")] private @event Good() => this;
                    }
                }
            }
            """,
    };

    /// <summary>A valid process <c>P</c> with <c>Start</c> and <c>Good</c>, plus <paramref name="members"/>.</summary>
    private static string Process(string members) => Usings + $$"""
        [SessionProcess]
        public partial class P
        {
            [On("Start", StartsSession = true)] private void Start() { }
            [On("Good")] private int Good(string text) => text.Length;

        {{Indent(members)}}
        }
        """;

    private static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Select(static line => line.Length == 0 ? line : "    " + line));
}
