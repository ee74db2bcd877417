namespace SessionGen.Testing.Tests.Processes;

public enum LotState
{
    Open,
    Closing,
    [FinalState]
    Sold,
}

/// <summary>A protocol in which a late bid can never be accepted: it is refused and filed as a dead letter.</summary>
[SessionProcess(States = typeof(LotState))]
public partial class Lot
{
    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Bid"), AcceptedIn(LotState.Open)]
    private void Bid(string bidder, decimal amount) => Emit($"{bidder} bids {amount}");

    [On("Close"), AcceptedIn(LotState.Open), MovesTo(LotState.Closing)]
    private void Close() => MoveTo(LotState.Closing);

    [On("Hammer"), AcceptedIn(LotState.Closing), MovesTo(LotState.Sold)]
    private void Hammer() => MoveTo(LotState.Sold);
}
