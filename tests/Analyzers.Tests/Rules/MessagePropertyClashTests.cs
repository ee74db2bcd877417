using SessionGen.Analyzers.Handlers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class MessagePropertyClashTests
{
    [Fact]
    public Task Fires_on_parameters_that_differ_only_in_their_first_letter() =>
        Verify<MessagePropertyClashAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic, string {|SGEN0021:Topic|}) { }
            }
            """);

    [Fact]
    public Task Fires_when_the_renamed_record_named_parameter_meets_its_Value_twin() =>
        Verify<MessagePropertyClashAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string open, string {|SGEN0021:openValue|}) { }
            }
            """);

    [Fact]
    public Task Fires_when_a_renamed_record_member_name_meets_its_Value_twin() =>
        Verify<MessagePropertyClashAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string toString, string {|SGEN0021:toStringValue|}) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_a_parameter_named_like_its_operation() =>
        Verify<MessagePropertyClashAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string open, string topic) { }

                [On("Post")]
                private void Post(string equalityContract, string toString) { }

                [OnTimeout("Idle")]
                private void Idle(int idle, int idleValue) { }
            }
            """);
}
