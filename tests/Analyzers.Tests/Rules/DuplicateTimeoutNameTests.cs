using SessionGen.Analyzers.Names;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules;

public sealed class DuplicateTimeoutNameTests
{
    [Fact]
    public Task Fires_on_every_later_handler_of_the_same_timeout() =>
        Verify<DuplicateTimeoutNameAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) { }

                [OnTimeout("Idle")]
                private void Idle() { }

                [OnTimeout({|SGEN0019:"idle"|})]
                private void IdleAgain() { }
            }
            """);

    [Fact]
    public Task Stays_silent_for_distinct_timeouts_and_an_operation_that_shares_a_timeout_name() =>
        Verify<DuplicateTimeoutNameAnalyzer>.AnalyzerAsync("""
            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open(string topic) => ScheduleIdle(TimeSpan.FromSeconds(1));

                [OnTimeout("Idle")]
                private void Idle() { }

                [OnTimeout("Idled")]
                private void Idled() { }

                [On("Idle")]
                private void IdleNow() { }
            }
            """);
}
