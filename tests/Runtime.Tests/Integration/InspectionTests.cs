using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Integration;

/// <summary>The host's read-only snapshots for tools (the dashboard): what runs, in which state, waiting on what.</summary>
public sealed class InspectionTests
{
    private const string AuctionProcess = nameof(Auction);
    private const string CounterProcess = nameof(Counter);

    [Fact]
    public async Task Processes_are_listed_by_name_with_their_session_count_states_and_generated_diagram()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await Auction.StartAsync(host);
        await Auction.StartAsync(host);
        await Counter.StartAsync(host);

        IReadOnlyList<ProcessSnapshot> processes = host.InspectProcesses();

        Assert.Equal([AuctionProcess, CounterProcess], processes.Select(p => p.Process));
        ProcessSnapshot auction = processes[0];
        Assert.Equal(2, auction.Sessions);
        Assert.Equal(["Open", "Closing", "Closed"], auction.States);
        Assert.Equal(Auction.ProtocolDiagram, auction.ProtocolDiagram);
        ProcessSnapshot counter = processes[1];
        Assert.Equal(1, counter.Sessions);
        Assert.Empty(counter.States);
        Assert.Null(counter.ProtocolDiagram);
    }

    [Fact]
    public async Task Sessions_show_their_state_and_own_pending_timeouts_ordered_by_id_and_limited()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Auction.Client closing = await Auction.StartAsync(host);
        await closing.CloseAsync();  // schedules GoingGone
        Auction.Client reminded = await Auction.StartAsync(host);
        await reminded.RemindAsync();
        await reminded.RemindAsync();
        await Auction.StartAsync(host);
        await Counter.StartAsync(host);

        IReadOnlyList<SessionSnapshot> auctions = host.InspectSessions(AuctionProcess);

        Assert.Equal(3, auctions.Count);
        Assert.All(auctions, session => Assert.Equal(AuctionProcess, session.Process));
        Assert.Equal(auctions.Select(s => s.Id.Value).Order(StringComparer.Ordinal), auctions.Select(s => s.Id.Value));
        SessionSnapshot closingNow = auctions.Single(s => s.Id == closing.Id);
        Assert.Equal("Closing", closingNow.State);
        Assert.Equal(1, closingNow.PendingTimeouts);
        Assert.Equal(2, auctions.Single(s => s.Id == reminded.Id).PendingTimeouts);
        Assert.Equal("Open", auctions.Single(s => s.Id == reminded.Id).State);

        Assert.Equal(4, host.InspectSessions().Count);
        Assert.Null(host.InspectSessions(CounterProcess).Single().State); // no declared states
        Assert.Equal(auctions.Take(2).Select(s => s.Id), host.InspectSessions(AuctionProcess, limit: 2).Select(s => s.Id));
    }

    [Fact]
    public async Task One_session_shows_its_queue_and_subscribers_and_is_gone_once_it_has_ended()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Auction.Client auction = await Auction.StartAsync(host);
        ValueTask<decimal> hammer = auction.HammerAsync(); // held until the auction is closing
        await using SessionSubscription first = auction.Subscribe();
        await using SessionSubscription second = auction.Subscribe("ann");

        SessionSnapshot? now = host.InspectSession(auction.Id);

        Assert.NotNull(now);
        Assert.Equal(1, now.QueueLength);
        Assert.Equal(2, now.Subscribers);
        Assert.Equal("Open", now.State);

        await auction.CloseAsync();
        await hammer.Guarded();
        Assert.Null(host.InspectSession(auction.Id)); // Closed is final: the session has ended
        Assert.Null(host.InspectSession(SessionId.New()));
    }
}
