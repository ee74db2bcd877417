using SessionGen.Analyzers.Callers;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Callers;

public sealed class CallerOnNonMessageHandlerTests
{
    [Fact]
    public Task Fires_on_a_caller_parameter_of_a_timeout_idle_fault_or_presence_handler() =>
        Verify<CallerOnNonMessageHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess(IdleTimeoutSeconds = 60)]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open(SessionCaller owner) { }

                [OnTimeout("Remind")]
                private void Remind(string text, {|SGEN0041:SessionCaller who|}) { }

                [OnIdle]
                private void Idle({|SGEN0041:SessionCaller? who|}) { }

                [OnFault]
                private void Fault({|SGEN0041:SessionCaller who|}) { }

                [OnParticipantLeft]
                private void Left({|SGEN0041:SessionCaller who|}) { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_message_handlers_and_timeouts_that_take_the_id() =>
        Verify<CallerOnNonMessageHandlerAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Room
            {
                [On("Open", StartsSession = true)]
                private void Open(SessionCaller owner) => ScheduleRemind(TimeSpan.FromMinutes(1), owner.Id);

                [OnTimeout("Remind")]
                private void Remind(string participant) => EmitTo(participant, "remember");

                [OnParticipantLeft]
                private void Left(string participant) { }
            }
            """);
}
