using SessionGen.Analyzers.Protocol;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Protocol;

public sealed class UnreachableStateTests
{
    [Fact]
    public Task Fires_on_a_state_no_transition_leads_to() =>
        Verify<UnreachableStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, {|SGEN0025:Withdrawn|}, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closing)]
                private void Close() { }

                [On("Hammer"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closed)]
                private void Hammer() { }
            }
            """);

    [Fact]
    public Task Fires_on_states_reached_only_from_unreachable_or_final_states() =>
        Verify<UnreachableStateAnalyzer>.AnalyzerAsync("""
            public enum Step { Start, [FinalState] Done, {|SGEN0025:Reopened|}, {|SGEN0025:Audited|} }

            [SessionProcess(States = typeof(Step))]
            public partial class Job
            {
                [On("Begin", StartsSession = true)]
                private void Begin() { }

                [On("Finish"), AcceptedIn(Step.Start), MovesTo(Step.Done)]
                private void Finish() { }

                [On("Reopen"), AcceptedIn(Step.Done), MovesTo(Step.Reopened)]
                private void Reopen() { }

                [On("Audit"), AcceptedIn(Step.Reopened), MovesTo(Step.Audited)]
                private void Audit() { }
            }
            """);

    [Fact]
    public Task Fires_on_the_process_when_the_states_enum_comes_from_a_reference() =>
        Verify<UnreachableStateAnalyzer>.AnalyzerAsync("""
            // ExecutionMode (Concurrent, Sequential, Single) is declared in SessionGen.dll, not in this source.
            [SessionProcess(States = typeof(ExecutionMode))]
            public partial class {|SGEN0025:Job|}
            {
                [On("Begin", StartsSession = true), MovesTo(ExecutionMode.Sequential)]
                private void Begin() { }

                [On("Again"), MovesTo(ExecutionMode.Concurrent)]
                private void Again() { }
            }
            """);

    [Fact]
    public Task Stays_silent_on_the_auction() =>
        Verify<UnreachableStateAnalyzer>.AnalyzerAsync(AuctionProtocol.Source);

    [Fact]
    public Task Stays_silent_when_a_starter_a_timeout_or_a_handler_accepted_anywhere_leads_to_each_state() =>
        Verify<UnreachableStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Withdrawn, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true), MovesTo(AuctionState.Closing)]
                private void Open() { }

                [On("Withdraw"), MovesTo(AuctionState.Withdrawn)]
                private void Withdraw() { }

                [OnTimeout("GoingGone"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closed)]
                private void GoingGone() { }
            }
            """);

    [Fact]
    public Task Stays_silent_on_a_process_without_states() =>
        Verify<UnreachableStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, Closed }

            [SessionProcess]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }
            }
            """);
}
