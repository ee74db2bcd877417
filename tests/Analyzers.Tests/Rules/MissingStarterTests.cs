using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class MissingStarterTests
{
    [Fact]
    public Task Fires_when_no_operation_starts_a_session() =>
        Verify<MissingStarterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0008:Chat|}
            {
                [On("Post")]
                private void Post(string text) { }

                [On("Close", StartsSession = false)]
                private void Close() { }

                [OnTimeout("Idle")]
                private void Idle() { }
            }
            """);

    [Fact]
    public Task Fires_on_a_process_without_handlers() =>
        Verify<MissingStarterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0008:Chat|}
            {
            }
            """);

    [Fact]
    public Task Stays_silent_when_one_operation_starts_a_session() =>
        Verify<MissingStarterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Post")]
                private void Post(string text) { }

                [On("Open", StartsSession = true)]
                private void Open() { }
            }
            """);
}
