using DiagnosticResult = Microsoft.CodeAnalysis.Testing.DiagnosticResult;
using SessionGen.Analyzers.Protocol;
using SessionGen.Analyzers.Tests.Verification;

namespace SessionGen.Analyzers.Tests.Rules.Protocol;

public sealed class UndeclaredStateTests
{
    [Fact]
    public Task Fires_on_a_member_of_another_enum_a_number_and_a_cast_to_an_undeclared_value() =>
        Verify<UndeclaredStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Closed }
            public enum LotState { Open, Sold }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn(AuctionState.Open, {|SGEN0028:LotState.Open|}), MovesTo({|SGEN0028:1|})]
                private void Close() { }

                [OnTimeout("GoingGone"), AcceptedIn(new object[] { AuctionState.Closing, {|SGEN0028:"Closing"|} }), MovesTo({|SGEN0028:(AuctionState)7|})]
                private void GoingGone() { }
            }
            """);

    [Fact]
    public Task Fires_on_every_state_of_a_process_without_States_or_whose_States_is_not_an_enum() =>
        Verify<UndeclaredStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Closed }

            [SessionProcess]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn({|SGEN0028:AuctionState.Open|}), MovesTo({|SGEN0028:AuctionState.Closing|})]
                private void Close() { }
            }

            [SessionProcess(States = typeof(string))]
            public partial class Lot
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Sell"), MovesTo({|SGEN0028:AuctionState.Closed|})]
                private void Sell() { }
            }
            """);

    [Fact]
    public Task The_message_says_which_enum_the_argument_belongs_to() =>
        new AnalyzerTest<UndeclaredStateAnalyzer>("""
            public enum AuctionState { Open, [FinalState] Closed }
            public enum LotState { Open, Sold }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), MovesTo({|#0:LotState.Sold|})]
                private void Close() { }
            }
            """)
        {
            ExpectedDiagnostics =
            {
                new DiagnosticResult(DiagnosticDescriptors.UndeclaredState).WithLocation(0).WithArguments(
                    "LotState.Sold", "MovesTo", "Close", "Auction",
                    "it belongs to 'LotState', not to its States enum 'AuctionState'", "use a member of 'AuctionState'"),
            },
        }.RunAsync();

    [Fact]
    public Task Stays_silent_on_the_auction() =>
        Verify<UndeclaredStateAnalyzer>.AnalyzerAsync(AuctionProtocol.Source);

    [Fact]
    public Task Stays_silent_on_members_written_as_a_cast_or_an_array_and_on_processes_without_protocol_attributes() =>
        Verify<UndeclaredStateAnalyzer>.AnalyzerAsync("""
            public enum AuctionState { Open, Closing, [FinalState] Closed }

            [SessionProcess(States = typeof(AuctionState))]
            public partial class Auction
            {
                [On("Open", StartsSession = true)]
                private void Open() { }

                [On("Close"), AcceptedIn(new object[] { AuctionState.Open }), MovesTo((AuctionState)1)]
                private void Close() { }

                [On("Hammer"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closed)]
                private void Hammer() { }
            }

            [SessionProcess]
            public partial class Chat
            {
                [On("Open", StartsSession = true)]
                private void Open() { }
            }
            """);
}
