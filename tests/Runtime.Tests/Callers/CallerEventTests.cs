namespace SessionGen.Runtime.Tests.Callers;

/// <summary>A caller's subscriptions are its own: it reads the events sent to it, and no one else's.</summary>
public sealed class CallerEventTests
{
    private static readonly SessionCaller Ann = new("ann");
    private static readonly SessionCaller Bob = new("bob");
    private static readonly SessionCaller Carol = new("carol");

    [Fact]
    public async Task A_caller_cannot_subscribe_as_another_participant()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Ann), "tea");

        ArgumentException refused = Assert.Throws<ArgumentException>(() => lounge.Subscribe("bob"));
        await Assert.ThrowsAsync<ArgumentException>(
            () => host.As(Ann).SubscribeAsync("Lounge", lounge.Id, "bob", afterSequence: null, CancellationToken.None).AsTask());

        Assert.Contains("can only read its own events", refused.Message, StringComparison.Ordinal);
        await using SessionSubscription own = lounge.Subscribe();
        await using SessionSubscription named = lounge.Subscribe("ann");
        Assert.Equal("ann", own.Participant);
        Assert.Equal("ann", named.Participant);
    }

    [Fact]
    public async Task EmitTo_a_caller_reaches_only_that_callers_subscriptions()
    {
        await using SessionHost host = TestHosts.Create(out _);
        Lounge.Client lounge = await Lounge.StartAsync(host.As(Carol), "tea");
        await using SessionSubscription ann = Lounge.Connect(host, lounge.Id, Ann).Subscribe();
        await using SessionSubscription bob = Lounge.Connect(host, lounge.Id, Bob).Subscribe();

        await lounge.WhisperAsync("bob", "psst").Guarded();
        await lounge.NoteAsync("all", 1).Guarded();

        Assert.Equal("carol: psst", (await bob.ReadAsync().Guarded()).Payload);
        Assert.Equal("carol: all", (await bob.ReadAsync().Guarded()).Payload);
        Assert.Equal("carol: all", (await ann.ReadAsync().Guarded()).Payload); // ann's first event is the public one
        Assert.False(ann.TryRead(out _));
    }
}
