using SessionGen.Analyzers.Processes;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class GenericProcessTests
{
    [Fact]
    public Task Fires_on_a_generic_process() =>
        Verify<GenericProcessAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class {|SGEN0003:Chat|}<TTopic>
            {
                [On("Open", StartsSession = true)]
                private void Open(TTopic topic) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_process_deriving_from_a_closed_generic_base() =>
        Verify<GenericProcessAnalyzer>.AnalyzerAsync("""
            public abstract class ChatBase<TTopic>
            {
                protected TTopic? Topic;
            }

            [SessionProcess]
            public partial class Chat : ChatBase<string>
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => Topic = topic;
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_process_nested_in_a_generic_type_which_is_another_rule() =>
        Verify<GenericProcessAnalyzer>.AnalyzerAsync("""
            public partial class Outer<T>
            {
                [SessionProcess]
                public partial class Chat
                {
                    [On("Open", StartsSession = true)]
                    private void Open(string topic) { }
                }
            }
            """);
}
