using SessionGen.Analyzers.Names;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class DuplicateOperationNameTests
{
    [Fact]
    public Task Fires_on_every_later_handler_of_the_same_operation() =>
        Verify<DuplicateOperationNameAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("Post")]
                private void Post(string text) { }

                [On({|SGEN0018:"Post"|})]
                private void PostAgain(string text) { }

                [On({|SGEN0018:"post"|})]
                private void PostLowerCase(string text) { }
            }
            """);

    [Fact]
    public Task Fires_across_partial_declarations() =>
        Verify<DuplicateOperationNameAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }

            public partial class Chat
            {
                [On({|SGEN0018:"open"|})]
                private void Reopen() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_distinct_names_and_a_timeout_that_shares_an_operation_name() =>
        Verify<DuplicateOperationNameAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On("Post")]
                private void Post(string text) { }

                [On("Posted")]
                private void Posted(string text) { }

                [OnTimeout("Post")]
                private void PostLater() { }
            }
            """);
}
