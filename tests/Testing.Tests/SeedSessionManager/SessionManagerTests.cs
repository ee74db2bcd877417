using SessionManagerSample;

namespace SessionGen.Testing.Tests.SeedSessionManager;

/// <summary>
/// The seed document's SessionManager (samples/SessionManager), tested with the kit: no clock to wire, no subscriptions
/// to open before the first message, no barrier message after advancing the clock.
/// </summary>
public sealed class SessionManagerTests
{
    private static SessionTestHost NewHost() => new(new SessionTestHostOptions
    {
        Durable = true,                                       // SessionManager is a durable process
        SerializerOptions = SessionManagerJson.Default.Options,
    });

    [Fact]
    public async Task The_participants_receive_the_seed_conversation_in_order()
    {
        await using SessionTestHost host = NewHost();
        SessionManager.Client review = await SessionManager.StartAsync(host, "design-review", ["ann"]);

        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob"));
        Assert.Equal(JoinResult.AlreadyPresent, await review.JoinAsync("bob"));
        await host.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        await review.LeaveAsync("dave");
        await review.LeaveAsync("bob");
        await review.LeaveAsync("ann");

        SessionEventLog everyone = host.Events(review.Id);
        everyone.ShouldBe(
            new ParticipantJoined("bob"),
            new SessionError("participant already present", "bob"),
            new SessionError("participant not found", "dave"),
            new ParticipantLeft("bob"),
            new ParticipantLeft("ann"));
        Assert.Equal([1L, 2L, 4L, 5L, 6L], everyone.Select(e => e.Sequence));

        SessionEventLog bob = host.Events(review.Id, "bob");
        Assert.Equal(new Message("bob", "welcome to design-review"), bob[2].Payload);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], bob.Select(e => e.Sequence));

        Assert.False(host.Host.Contains(review.Id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => review.JoinAsync("erin").AsTask());
        host.ShouldHaveNoDeadLetters();
        host.ShouldHaveNoFaults();
    }

    [Fact]
    public async Task The_welcome_waits_for_its_500_ms()
    {
        await using SessionTestHost host = NewHost();
        SessionManager.Client review = await SessionManager.StartAsync(host, "design-review", []);
        await review.JoinAsync("carol");

        await host.AdvanceAsync(TimeSpan.FromMilliseconds(499));
        host.Events(review.Id, "carol").ShouldNotContain<Message>();
        Assert.Equal(1, host.PendingTimeouts(review.Id));

        await host.AdvanceAsync(TimeSpan.FromMilliseconds(1));
        host.Events(review.Id, "carol").ShouldContain<Message>(m => m.Text == "welcome to design-review");
        Assert.Equal(0, host.PendingTimeouts(review.Id));
    }

    [Fact]
    public async Task A_pending_welcome_survives_a_restart_and_the_events_go_on_numbering()
    {
        await using SessionTestHost host = NewHost();
        SessionManager.Client review = await SessionManager.StartAsync(host, "design-review", ["ann"]);
        await review.JoinAsync("bob");

        await host.RestartAsync();
        await host.AdvanceAsync(TimeSpan.FromMilliseconds(500));
        await review.LeaveAsync("bob");

        host.Events(review.Id, "bob").ShouldBe(
            new ParticipantJoined("bob"),
            new Message("bob", "welcome to design-review"),
            new ParticipantLeft("bob"));
        Assert.Equal([1L, 2L, 3L], host.Events(review.Id, "bob").Select(e => e.Sequence));
    }
}
