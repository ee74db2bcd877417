using SessionGen;

namespace AuctionSample;

/// <summary>A bid was accepted.</summary>
public sealed record BidAccepted(string Bidder, decimal Amount);

/// <summary>The auction was sold.</summary>
public sealed record Sold(string Winner, decimal Amount);

/// <summary>
/// An auction, correlated by its lot number. The protocol decides what happens to early and late messages:
/// a hammer sent while bidding is still open waits until the auction is closing; a bid sent once it is closing
/// can never be accepted and is refused at once; after the sale the session is over.
/// </summary>
[SessionProcess(States = typeof(AuctionState), HoldLimitSeconds = 60)]
public partial class Auction
{
    private string lot = "";
    private string leader = "nobody";
    private decimal best;

    [On("Open", StartsSession = true)]
    private void Open([Correlation("lot")] string lot) => this.lot = lot;

    [On("Bid")]
    [AcceptedIn(AuctionState.Open)]
    private decimal Bid([Correlation("lot")] string lot, string bidder, decimal amount)
    {
        if (amount > best)
        {
            (leader, best) = (bidder, amount);
            Emit(new BidAccepted(bidder, amount));
        }

        return best;
    }

    [On("Close")]
    [AcceptedIn(AuctionState.Open)]
    [MovesTo(AuctionState.Closing)]
    private void Close([Correlation("lot")] string lot)
    {
        MoveTo(AuctionState.Closing);
        ScheduleGoingGone(TimeSpan.FromSeconds(1));
    }

    [On("Hammer")]
    [AcceptedIn(AuctionState.Closing)]
    [MovesTo(AuctionState.Closed)]
    private Sold Hammer([Correlation("lot")] string lot) => Sell();

    [OnTimeout("GoingGone")]
    [AcceptedIn(AuctionState.Closing)]
    [MovesTo(AuctionState.Closed)]
    private void GoingGone() => Sell();

    private Sold Sell()
    {
        var sold = new Sold(leader, best);
        Emit(sold);
        MoveTo(AuctionState.Closed);
        return sold;
    }
}
