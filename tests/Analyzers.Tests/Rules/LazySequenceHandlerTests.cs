using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;
using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class LazySequenceHandlerTests
{
    [Fact]
    public Task Fires_on_iterators_of_every_enumerable_shape() =>
        Verify<LazySequenceHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Scores
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Numbers")]
                private IEnumerable<int> {|SGEN0029:Numbers|}() { yield return 1; }

                [On("Cursor")]
                private IEnumerator<int> {|SGEN0029:Cursor|}() { yield return 1; }

                [On("Untyped")]
                private System.Collections.IEnumerable {|SGEN0029:Untyped|}() { yield return "a"; }

                [On("UntypedCursor")]
                private System.Collections.IEnumerator {|SGEN0029:UntypedCursor|}() { yield break; }

                [On("Stream")]
                private async IAsyncEnumerable<int> {|SGEN0029:Stream|}() { await Task.Yield(); yield return 1; }

                [On("StreamCursor")]
                private async IAsyncEnumerator<int> {|SGEN0029:StreamCursor|}() { await Task.Yield(); yield return 1; }
            }
            """);

    [Fact]
    public Task Fires_on_a_yield_nested_deep_in_statements() =>
        Verify<LazySequenceHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Scores
            {
                private readonly List<int> scores = new();

                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Looped")]
                private IEnumerable<int> {|SGEN0029:Looped|}()
                {
                    foreach (int score in scores.FindAll(static score => score > 0))
                    {
                        if (score % 2 == 0) { yield return score; } else { continue; }
                    }
                }

                [On("Guarded")]
                private IEnumerable<int> {|SGEN0029:Guarded|}()
                {
                    try
                    {
                        switch (scores.Count)
                        {
                            case 0:
                                yield break;
                            default:
                                using (var e = scores.GetEnumerator()) { while (e.MoveNext()) { checked { yield return e.Current + 1; } } }
                                break;
                        }
                    }
                    finally
                    {
                        scores.Clear();
                    }
                }
            }
            """);

    [Fact]
    public Task Fires_on_async_streams_returned_without_yield_also_inside_a_task() =>
        Verify<LazySequenceHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Scores
            {
                private IAsyncEnumerable<int> source = null!;

                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Passed")]
                private IAsyncEnumerable<int> {|SGEN0029:Passed|}() => source;

                [On("Later")]
                private Task<IAsyncEnumerable<int>> {|SGEN0029:Later|}() => Task.FromResult(source);

                [On("Cursor")]
                private async ValueTask<IAsyncEnumerator<int>> {|SGEN0029:Cursor|}()
                {
                    await Task.Yield();
                    return source.GetAsyncEnumerator();
                }
            }
            """);

    [Fact]
    public Task Fires_on_timeout_fault_and_idle_handlers() =>
        Verify<LazySequenceHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess(IdleTimeoutSeconds = 60)]
            public partial class Scores
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [OnTimeout("Tick")]
                private IEnumerable<int> {|SGEN0029:Tick|}() { yield return 1; }

                [OnFault]
                private IEnumerable<string> {|SGEN0029:Failed|}(SessionFaultedException fault) { yield return fault.Message; }

                [OnIdle]
                private async IAsyncEnumerable<int> {|SGEN0029:Idle|}() { await Task.Yield(); yield break; }
            }
            """);

    [Fact]
    public Task Stays_silent_for_materialized_collections_and_for_iterators_that_are_not_handlers() =>
        Verify<LazySequenceHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Scores
            {
                private readonly List<int> scores = new();

                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("All")]
                private List<int> All() => new(scores);

                [On("Copy")]
                private int[] Copy() => scores.ToArray();

                [On("Sequence")]
                private IEnumerable<int> Sequence() => scores.ToArray();

                [On("ReadOnly")]
                private IReadOnlyList<int> ReadOnly() => scores.AsReadOnly();

                [On("Load")]
                private async Task<IEnumerable<int>> Load()
                {
                    await Task.Yield();
                    return new List<int>(scores);
                }

                [On("Collected")]
                private List<int> Collected()
                {
                    // An iterator inside the handler, enumerated within the turn: only the handler itself matters.
                    return new List<int>(Evens());

                    IEnumerable<int> Evens()
                    {
                        foreach (int score in scores)
                        {
                            if (score % 2 == 0) yield return score;
                        }
                    }
                }

                // Not a handler: an iterator the handlers may call.
                private IEnumerable<int> Helper() { yield return 1; }
            }

            public class NotAProcess
            {
                public IAsyncEnumerable<int> Stream() => null!;
            }
            """);

    [Fact]
    public Task Message_says_what_is_lazy_and_what_to_return_instead() =>
        new AnalyzerTest<LazySequenceHandlerAnalyzer>("""
            [SessionProcess]
            public partial class Scores
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Numbers")]
                private IEnumerable<int> {|#0:Numbers|}() { yield return 1; }

                [On("Stream")]
                private Task<IAsyncEnumerable<int>> {|#1:Stream|}() => Task.FromResult<IAsyncEnumerable<int>>(null!);

                [OnTimeout("Tick")]
                private IEnumerable<int> {|#2:Tick|}() { yield return 1; }
            }
            """)
        {
            ExpectedDiagnostics =
            {
                new DiagnosticResult(DiagnosticDescriptors.LazySequenceHandler).WithLocation(0)
                    .WithArguments("Numbers", "is an iterator (it uses yield)", "return a materialized collection (List<T>, T[]) instead"),
                new DiagnosticResult(DiagnosticDescriptors.LazySequenceHandler).WithLocation(1)
                    .WithArguments("Stream", "returns the async stream 'System.Collections.Generic.IAsyncEnumerable<int>'", "return a materialized collection (List<T>, T[]) instead"),
                new DiagnosticResult(DiagnosticDescriptors.LazySequenceHandler).WithLocation(2)
                    .WithArguments("Tick", "is an iterator (it uses yield)", "do the work in the handler and return void, Task or ValueTask"),
            },
        }.RunAsync();
}
