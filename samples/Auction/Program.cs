using AuctionSample;
using SessionGen;

// Two auctions whose protocol handles early and late messages. After the start, every message is routed by
// its lot number (a correlation set), so no caller needs a session id.
await using var host = new SessionHost();
Console.WriteLine("SessionGen: auctions with protocol states");
Console.Write(Auction.ProtocolDiagram);

Console.WriteLine();
Console.WriteLine("lot-7: a hammer that arrives early");
Auction.Client lot7 = await Auction.StartAsync(host, "lot-7");
await using SessionSubscription lot7Events = lot7.Subscribe();
Task<object?> earlyHammer = host.SendAsync(new Auction.Messages.Hammer("lot-7")).AsTask();
Console.WriteLine("-> Hammer: held, the auction is still open");
await Bid("lot-7", "ann", 100m);
await Bid("lot-7", "bob", 120m);
await Bid("lot-7", "ann", 110m);
await host.SendAsync(new Auction.Messages.Close("lot-7"));
Console.WriteLine("-> Close: now closing, so the held hammer runs");
Console.WriteLine($"   Hammer = {await earlyHammer}");
await Late(() => Bid("lot-7", "carol", 500m));
await Print(lot7Events);

Console.WriteLine();
Console.WriteLine("lot-8: a bid that arrives late, and the going-gone timeout");
Auction.Client lot8 = await Auction.StartAsync(host, "lot-8");
await using SessionSubscription lot8Events = lot8.Subscribe();
await Bid("lot-8", "dan", 40m);
await host.SendAsync(new Auction.Messages.Close("lot-8"));
Console.WriteLine("-> Close: closing; going, going...");
await Late(() => Bid("lot-8", "erin", 45m));
await Print(lot8Events); // completes when the timeout has sold the lot and the session has ended

async Task Bid(string lot, string bidder, decimal amount) =>
    Console.WriteLine($"-> Bid({bidder}, {amount}) = best {await host.SendAsync(new Auction.Messages.Bid(lot, bidder, amount))}");

static async Task Late(Func<Task> send)
{
    try
    {
        await send();
    }
    catch (MessageNotAcceptedException error)
    {
        Console.WriteLine($"   refused: {error.Operation} is not accepted in state {error.State}, nor in any state still to come");
    }
    catch (SessionNotFoundException)
    {
        Console.WriteLine("   refused: SessionNotFoundException, the auction is over");
    }
}

static async Task Print(SessionSubscription events)
{
    await foreach (SessionEvent e in events)
    {
        Console.WriteLine($"   event #{e.Sequence}: {e.Payload}");
    }
}
