using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class HandlerOutsideProcessTests
{
    [Fact]
    public Task Fires_on_handler_attributes_in_a_class_without_SessionProcess() =>
        Verify<HandlerOutsideProcessAnalyzer>.AnalyzerAsync("""
            public partial class Chat
            {
                [{|SGEN0009:On("Open", StartsSession = true)|}]
                private void Open(string topic) { }

                [{|SGEN0009:OnTimeout("Idle")|}]
                private void Idle() { }
            }
            """);

    [Fact]
    public Task Fires_on_handlers_in_a_base_class_of_a_process() =>
        Verify<HandlerOutsideProcessAnalyzer>.AnalyzerAsync("""
            public abstract class ChatBase
            {
                [{|SGEN0009:On("Post")|}]
                protected void Post(string text) { }
            }

            [SessionProcess]
            public partial class Chat : ChatBase
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_handlers_in_a_process() =>
        Verify<HandlerOutsideProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [OnTimeout("Idle")]
                private void Idle() { }
            }
            """);
}
