namespace SessionGen.Analyzers.Tests.Rules.Protocol;

/// <summary>The README's auction (open, closing, closed), about which no protocol rule has anything to say.</summary>
internal static class AuctionProtocol
{
    public const string Source = """
        public enum AuctionState { Open, Closing, [FinalState] Closed }

        [SessionProcess(States = typeof(AuctionState), HoldLimitSeconds = 30)]
        public partial class Auction
        {
            private decimal best;

            [On("Open", StartsSession = true)]
            private void Open() { }

            [On("Bid"), AcceptedIn(AuctionState.Open)]
            private decimal Bid(decimal amount) => best = Math.Max(best, amount);

            [On("Close"), AcceptedIn(AuctionState.Open), MovesTo(AuctionState.Closing)]
            private void Close()
            {
                MoveTo(AuctionState.Closing);
                ScheduleGoingGone(TimeSpan.FromSeconds(10));
            }

            [On("Hammer"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closed)]
            private decimal Hammer()
            {
                MoveTo(AuctionState.Closed);
                return best;
            }

            [On("Peek")]
            private string Peek() => $"{State} at {best}";

            [OnTimeout("GoingGone"), AcceptedIn(AuctionState.Closing), MovesTo(AuctionState.Closed)]
            private void GoingGone() => MoveTo(AuctionState.Closed);
        }
        """;
}
