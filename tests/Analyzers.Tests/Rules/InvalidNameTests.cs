using SessionGen.Analyzers.Names;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class InvalidNameTests
{
    [Fact]
    public Task Fires_on_empty_spaced_keyword_and_null_names() =>
        Verify<InvalidNameAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [On({|SGEN0017:""|})]
                private void Empty() { }

                [On({|SGEN0017:"post message"|})]
                private void Post(string text) { }

                [On({|SGEN0017:"class"|})]
                private void Keyword() { }

                [On({|SGEN0017:null|})]
                private void Nothing() { }

                [OnTimeout({|SGEN0017:"2nd"|})]
                private void Second() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_identifiers_including_constants_and_underscores() =>
        Verify<InvalidNameAnalyzer>.AnalyzerAsync("""
            public static class Operations
            {
                public const string Open = "Open";
            }

            [SessionProcess]
            public partial class Chat
            {
                [On(Operations.Open, StartsSession = true)]
                private void Open(string topic) { }

                [On("post_message2")]
                private void Post(string text) { }

                [On(nameof(Classify))]
                private void Classify() { }

                [OnTimeout("_idle")]
                private void Idle() { }
            }
            """);
}
