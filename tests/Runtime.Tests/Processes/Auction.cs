namespace SessionGen.Runtime.Tests.Processes;

/// <summary>An auction's protocol: open, then closing, then closed.</summary>
public enum AuctionState
{
    Open,
    Closing,
    [FinalState]
    Closed,
}

/// <summary>Bids while open; a hammer only once closing; a held hammer waits at most 30 seconds.</summary>
[SessionProcess(States = typeof(AuctionState), HoldLimitSeconds = 30)]
public partial class Auction
{
    private decimal best;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Bid")]
    [AcceptedIn(AuctionState.Open)]
    private decimal Bid(decimal amount) => best = Math.Max(best, amount);

    [On("Close")]
    [AcceptedIn(AuctionState.Open)]
    [MovesTo(AuctionState.Closing)]
    private void Close()
    {
        MoveTo(AuctionState.Closing);
        ScheduleGoingGone(TimeSpan.FromSeconds(10));
    }

    [On("Hammer")]
    [AcceptedIn(AuctionState.Closing)]
    [MovesTo(AuctionState.Closed)]
    private decimal Hammer()
    {
        MoveTo(AuctionState.Closed);
        return best;
    }

    [On("Remind")]
    [AcceptedIn(AuctionState.Open)]
    private void Remind() => ScheduleGoingGone(TimeSpan.FromSeconds(1));

    [On("Peek")]
    private string Peek() => $"{State} at {best}";

    // Ends the session from Open without reaching a final state, so messages held for Closing are still queued.
    [On("Withdraw")]
    [AcceptedIn(AuctionState.Open)]
    private void Withdraw() => EndSession();

    [On("Cheat")]
    private void Cheat() => MoveTo(AuctionState.Closed);

    [OnTimeout("GoingGone")]
    [AcceptedIn(AuctionState.Closing)]
    [MovesTo(AuctionState.Closed)]
    private void GoingGone()
    {
        Emit($"sold at {best}");
        MoveTo(AuctionState.Closed);
    }
}
