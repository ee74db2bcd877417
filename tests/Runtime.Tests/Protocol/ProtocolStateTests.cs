using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Protocol;

public sealed class ProtocolStateTests
{
    [Fact]
    public async Task An_early_message_waits_in_the_queue_while_later_accepted_ones_run_then_runs_when_its_state_comes()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Auction.Client auction = await Auction.StartAsync(host);

        Task<decimal> hammer = auction.HammerAsync().AsTask();
        Assert.Equal(5m, await auction.BidAsync(5m));
        Assert.Equal(7m, await auction.BidAsync(7m));
        Assert.Equal("Open at 7", await auction.PeekAsync());
        Assert.False(hammer.IsCompleted);

        await auction.CloseAsync();
        Assert.Equal(7m, await hammer.Guarded());
        Assert.False(host.Contains(auction.Id)); // Closed is final
    }

    [Fact]
    public async Task Held_messages_run_in_the_order_they_arrived()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await host.SendAsync(new Person.Messages.StartSession("Ann", "Smith"));

        Task<object?> end = host.SendAsync(new Person.Messages.EndSession("Ann", "Smith")).AsTask();
        Task<object?> preEnd = host.SendAsync(new Person.Messages.PreEndSession("Ann", "Smith")).AsTask();

        Assert.Equal("Ann Smith: start,pre-end,end", await end.Guarded());
        Assert.Equal("Ann Smith: start,pre-end", await preEnd.Guarded());
    }

    [Fact]
    public async Task A_held_message_is_refused_after_the_hold_limit_and_dead_lettered()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Auction.Client auction = await Auction.StartAsync(host);

        Task<decimal> hammer = auction.HammerAsync().AsTask();
        await auction.PeekAsync();
        time.Advance(TimeSpan.FromSeconds(29));
        await auction.PeekAsync();
        Assert.False(hammer.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(2));
        var refused = await Assert.ThrowsAsync<MessageNotAcceptedException>(() => hammer.Guarded());
        Assert.Equal("Open", refused.State);
        Assert.Contains("hold limit", refused.Message);
        Assert.True(deadLetters.TryRead(out DeadLetter? letter));
        Assert.Equal(DeadLetterReason.NotAccepted, letter.Reason);
        Assert.True(host.Contains(auction.Id));
        Assert.Equal("Open at 0", await auction.PeekAsync());
    }

    [Fact]
    public async Task A_message_no_reachable_state_accepts_is_refused_at_once()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Auction.Client auction = await Auction.StartAsync(host);
        await auction.CloseAsync();

        var refused = await Assert.ThrowsAsync<MessageNotAcceptedException>(() => auction.BidAsync(100m).Guarded());
        Assert.Equal("Closing", refused.State);
        Assert.Contains("no state it can still reach", refused.Message);
    }

    [Fact]
    public async Task Held_messages_are_answered_when_the_session_ends()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await host.SendAsync(new Person.Messages.StartSession("Ann", "Smith"));
        Task<object?> end = host.SendAsync(new Person.Messages.EndSession("Ann", "Smith")).AsTask();
        Auction.Client auction = await Auction.StartAsync(host);
        Task<decimal> hammer = auction.HammerAsync().AsTask();

        await host.DisposeAsync();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => hammer.Guarded());
        await Assert.ThrowsAsync<SessionNotFoundException>(() => end.Guarded());
    }

    [Fact]
    public async Task A_held_message_whose_session_ends_gets_SessionNotFoundException_and_a_SessionEnded_dead_letter()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        Auction.Client auction = await Auction.StartAsync(host);
        Task<decimal> hammer = auction.HammerAsync().AsTask(); // held: accepted only in Closing, which Open can reach
        Assert.Equal("Open at 0", await auction.PeekAsync());
        Assert.False(hammer.IsCompleted);

        await auction.WithdrawAsync(); // EndSession from Open

        var refused = await Assert.ThrowsAsync<SessionNotFoundException>(() => hammer.Guarded());
        Assert.Equal(auction.Id, refused.SessionId);
        Assert.True(deadLetters.TryRead(out DeadLetter? letter));
        Assert.Equal(DeadLetterReason.SessionEnded, letter.Reason);
        Assert.Equal("Hammer", letter.Operation);
        Assert.False(deadLetters.TryRead(out _));
        Assert.False(host.Contains(auction.Id));
    }

    [Fact]
    public async Task A_timeout_follows_the_protocol_too_held_until_its_state_then_run()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Auction.Client auction = await Auction.StartAsync(host);
        await using SessionSubscription events = auction.Subscribe();
        await auction.BidAsync(3m);

        await auction.RemindAsync();
        time.Advance(TimeSpan.FromSeconds(1)); // falls due while Open, where it is not accepted
        Assert.Equal("Open at 3", await auction.PeekAsync());

        await auction.CloseAsync(); // Closing: the held timeout runs and closes the auction
        Assert.Equal(["sold at 3"], (await events.ToListAsync().AsTask().Guarded()).Select(e => e.Payload));
        Assert.False(host.Contains(auction.Id));
    }

    [Fact]
    public async Task Moving_to_a_state_the_handler_does_not_declare_is_a_fault()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Auction.Client auction = await Auction.StartAsync(host);

        var fault = await Assert.ThrowsAsync<SessionFaultedException>(() => auction.CheatAsync().Guarded());
        Assert.IsType<InvalidOperationException>(fault.InnerException);
        Assert.Contains("[MovesTo]", fault.InnerException!.Message);
    }

    [Fact]
    public void The_protocol_is_emitted_as_a_Mermaid_state_diagram()
    {
        const string expected = """
            stateDiagram-v2
                [*] --> Open
                Open --> Closing : Close
                Closing --> Closed : Hammer, timeout GoingGone
                Closed --> [*]

            """;
        string emitted = Auction.ProtocolDiagram;
        Assert.Equal(expected.ReplaceLineEndings("\n"), emitted);
    }
}
