using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests;

public sealed class EventTests
{
    [Fact]
    public async Task Events_carry_the_session_id_and_sequence_numbers_in_emit_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        await using SessionSubscription events = chat.Subscribe();

        await chat.SayAsync("one");
        await chat.SayAsync("two");
        await chat.SayAsync("three");
        await chat.CloseAsync();

        List<SessionEvent> received = await events.ToListAsync().AsTask().Guarded();
        Assert.Equal(["one", "two", "three"], received.Select(e => e.Payload));
        Assert.Equal([1L, 2L, 3L], received.Select(e => e.Sequence));
        Assert.All(received, e => Assert.Equal(chat.Id, e.SessionId));
    }

    [Fact]
    public async Task A_subscription_buffers_from_the_moment_it_is_opened()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        await chat.SayAsync("before");
        await using SessionSubscription late = chat.Subscribe();
        await chat.SayAsync("after");
        await chat.CloseAsync();

        List<SessionEvent> received = await late.ToListAsync().AsTask().Guarded();
        SessionEvent only = Assert.Single(received);
        Assert.Equal("after", only.Payload);
        Assert.Equal(2, only.Sequence);
    }

    [Fact]
    public async Task EmitTo_reaches_only_the_subscriptions_opened_for_that_participant()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        await using SessionSubscription ann = chat.Subscribe("ann");
        await using SessionSubscription bob = chat.Subscribe("bob");
        await using SessionSubscription anonymous = chat.Subscribe();

        await chat.WhisperAsync("ann", "psst");
        await chat.SayAsync("hello all");
        await chat.CloseAsync();

        Assert.Equal(["psst", "hello all"], (await ann.ToListAsync().AsTask().Guarded()).Select(e => e.Payload));
        Assert.Equal(["hello all"], (await bob.ToListAsync().AsTask().Guarded()).Select(e => e.Payload));
        List<SessionEvent> everyone = await anonymous.ToListAsync().AsTask().Guarded();
        Assert.Equal(["hello all"], everyone.Select(e => e.Payload));
        Assert.Equal(2, everyone[0].Sequence);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        SessionSubscription events = chat.Subscribe();
        await chat.SayAsync("kept");
        await events.DisposeAsync();
        await chat.SayAsync("missed");

        Assert.Equal(["kept"], (await events.ToListAsync().AsTask().Guarded()).Select(e => e.Payload));
    }

    [Fact]
    public async Task Subscribing_to_an_ended_session_fails()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Chat.Client chat = await Chat.StartAsync(host, "news");
        await chat.CloseAsync();

        Assert.Throws<SessionNotFoundException>(() => chat.Subscribe());
    }
}
