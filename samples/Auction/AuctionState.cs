using SessionGen;

namespace AuctionSample;

/// <summary>An auction's protocol: bids while open, a last call while closing, nothing once closed.</summary>
public enum AuctionState
{
    Open,
    Closing,
    [FinalState]
    Closed,
}
