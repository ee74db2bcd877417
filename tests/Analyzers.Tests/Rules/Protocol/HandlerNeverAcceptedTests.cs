using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;
using SessionGen.Analyzers.Protocol;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Protocol;

public sealed class HandlerNeverAcceptedTests
{
    [Fact]
    public Task Fires_on_an_operation_and_a_timeout_accepted_only_in_a_state_never_reached() =>
        Verify<HandlerNeverAcceptedAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closed)]
                private void Close() { }

                [On("Hammer"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closed)]
                private void {|SGEN0026:Hammer|}() { }

                [OnTimeout("GoingGone"), AcceptedIn(AuctionState.Closing)]
                private void {|SGEN0026:GoingGone|}() { }

                [On("Never"), AcceptedIn]
                private void {|SGEN0026:Never|}() { }
            }
            """);

    [Fact]
    public Task Fires_on_a_handler_accepted_only_in_a_final_state() =>
        Verify<HandlerNeverAcceptedAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closed)]
                private void Close() { }

                [On("Reopen"), AcceptedIn(AuctionState.Closed), MovesTo(AuctionState.Open)]
                private void {|SGEN0026:Reopen|}() { }
            }
            """);

    [Fact]
    public Task The_message_names_the_handler_and_its_states() =>
        new AnalyzerTest<HandlerNeverAcceptedAnalyzer>("""
            public enum Step { Start, Review, Audit, [FinalState] Done }

            [SessionProcess(States = typeof(Step))]
            public partial class Job
            {
                [On("Begin", StartsSession = true), MovesTo(Step.Done)]
                private void Begin() { }

                [On("Sign"), AcceptedIn(Step.Review, Step.Audit)]
                private void {|#0:Sign|}() { }
            }
            """)
        {
            ExpectedDiagnostics =
            {
                new DiagnosticResult(DiagnosticDescriptors.HandlerNeverAccepted).WithLocation(0)
                    .WithArguments("Sign", "states 'Review' and 'Audit'"),
            },
        }.RunAsync();

    [Fact]
    public Task Stays_silent_on_the_auction() =>
        Verify<HandlerNeverAcceptedAnalyzer>.AnalyzerAsync(AuctionProtocol.Source);

    [Fact]
    public Task Stays_silent_when_one_of_its_states_is_reached_and_on_starters_and_handlers_without_AcceptedIn() =>
        Verify<HandlerNeverAcceptedAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true), AcceptedIn(AuctionState.Closing)]
                private void Open() { }

                [On("Close"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closed)]
                private void Close() { }

                [On("Hammer"), AcceptedIn(AuctionState.Closing, AuctionState.Open), MovesTo(AuctionState.Closed)]
                private void Hammer() { }

                [On("Peek")]
                private void Peek() { }
            }
            """);

    [Fact]
    public Task Stays_silent_when_AcceptedIn_names_something_that_is_not_a_state() =>
        Verify<HandlerNeverAcceptedAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true), MovesTo(AuctionState.Closed)]
                private void Open() { }

                [On("Hammer"), AcceptedIn(AuctionState.Closing, 7)]
                private void Hammer() { }
            }
            """);
}
