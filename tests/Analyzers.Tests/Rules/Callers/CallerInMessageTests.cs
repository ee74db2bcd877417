using SessionGen.Analyzers.Callers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Callers;

public sealed class CallerInMessageTests
{
    [Fact]
    public Task Fires_on_parameters_whose_type_holds_a_caller_without_being_one() =>
        Verify<CallerInMessageAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open({|SGEN0044:SessionCaller[] members|}) { }

                [On("Invite")]
                private void Invite({|SGEN0044:List<SessionCaller> guests|}, {|SGEN0044:(string, SessionCaller) pair|}) { }

                [OnTimeout("Remind")]
                private void Remind({|SGEN0044:SessionCaller?[] who|}) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_the_caller_itself_and_for_participant_ids() =>
        Verify<CallerInMessageAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open(SessionCaller owner, string[] members) { }

                [On("Invite")]
                private void Invite(List<string> guests, SessionCaller? host) { }

                private static SessionCaller[] Helpers(SessionCaller[] callers) => callers;
            }
            """);
}
