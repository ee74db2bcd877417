using SessionGen;
using TallyApp;

// A user's first program against the SessionGen package: start a session, send it messages through the
// generated client, read what it emitted, and find it gone once it has ended.
await using var host = new SessionHost();
Tally.Client votes = await Tally.StartAsync(host, "votes");
await using SessionSubscription events = votes.Subscribe();

Console.WriteLine($"Add(2) = {await votes.AddAsync(2)}");
Console.WriteLine($"Add(40) = {await votes.AddAsync(40)}");
await votes.CloseAsync();
await foreach (SessionEvent e in events)
{
    Console.WriteLine($"#{e.Sequence} {e.Payload}");
}

try
{
    await votes.AddAsync(1);
}
catch (SessionNotFoundException)
{
    Console.WriteLine("Add(1) after Close: SessionNotFoundException");
}

