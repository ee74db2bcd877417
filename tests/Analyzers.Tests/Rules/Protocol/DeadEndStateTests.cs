using SessionGen.Analyzers.Protocol;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Protocol;

public sealed class DeadEndStateTests
{
    [Fact]
    public Task Fires_on_a_reachable_state_no_handler_leaves_that_is_not_final() =>
        Verify<DeadEndStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, {|SGEN0027:Closing|}, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closing)]
                private void Close() { }

                [On("Hammer"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closed)]
                private void Hammer() { }

                [On("Extend"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closing)]
                private void Extend() { }

                [On("Peek")]
                private void Peek() { }
            }
            """);

    [Fact]
    public Task Fires_on_the_initial_state_when_nothing_moves_the_session() =>
        Verify<DeadEndStateAnalyzer>.AnalyzerAsync("""
            public enum Step { {|SGEN0027:Start|}, [FinalState] Done }

            [SessionProcess(States = typeof(Step))]
            public partial class Job
            {
                [On("Begin", StartsSession = true)]
                private void Begin() { }

                [On("Work"), AcceptedIn(Step.Start)]
                private void Work() { }
            }
            """);

    [Fact]
    public Task Fires_on_the_process_when_the_states_enum_comes_from_a_reference() =>
        Verify<DeadEndStateAnalyzer>.AnalyzerAsync("""
            // ExecutionMode (Concurrent, Sequential, Single) is declared in SessionGen.dll, not in this source.
            [SessionProcess(States = typeof(ExecutionMode))]
            public partial class {|SGEN0027:Job|}
            {
                [On("Begin", StartsSession = true), MovesTo(ExecutionMode.Sequential, ExecutionMode.Single)]
                private void Begin() { }

                [On("Back"), AcceptedIn(ExecutionMode.Sequential), MovesTo(ExecutionMode.Concurrent)]
                private void Back() { }
            }
            """);

    [Fact]
    public Task Stays_silent_on_the_auction() =>
        Verify<DeadEndStateAnalyzer>.AnalyzerAsync(AuctionProtocol.Source);

    [Fact]
    public Task Stays_silent_on_final_and_unreachable_states_and_when_a_starter_timeout_or_catch_all_handler_leaves() =>
        Verify<DeadEndStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, Paused, [FinalState] Closed, Abandoned }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true), MovesTo(AuctionState.Closing)]
                private void Open() { }

                [OnTimeout("GoingGone"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Paused)]
                private void GoingGone() { }

                [On("Cancel"), MovesTo(AuctionState.Closed)]
                private void Cancel() { }
            }
            """);
}
