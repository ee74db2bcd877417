using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class StaticHandlerTests
{
    [Fact]
    public Task Fires_on_the_static_keyword_of_a_handler() =>
        Verify<StaticHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private {|SGEN0011:static|} void Open(string topic) { }

                [OnTimeout("Idle")]
                internal {|SGEN0011:static|} void Idle() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_static_helper_beside_an_instance_handler() =>
        Verify<StaticHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => Emit(Normalize(topic));

                private static string Normalize(string topic) => topic.Trim();
            }
            """);
}
