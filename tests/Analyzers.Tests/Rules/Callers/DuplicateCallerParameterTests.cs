using SessionGen.Analyzers.Callers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Callers;

public sealed class DuplicateCallerParameterTests
{
    [Fact]
    public Task Fires_on_each_caller_parameter_after_the_first() =>
        Verify<DuplicateCallerParameterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open(SessionCaller owner, string topic, {|SGEN0040:SessionCaller? also|}) { }

                [On("Say")]
                private void Say(SessionCaller speaker, {|SGEN0040:SessionCaller again|}, {|SGEN0040:SessionCaller third|}) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_one_caller_and_for_methods_that_are_not_handlers() =>
        Verify<DuplicateCallerParameterAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic, SessionCaller? owner) { }

                private static bool Same(SessionCaller a, SessionCaller b) => a.Id == b.Id;
            }
            """);
}
