using Microsoft.Extensions.Time.Testing;
using SessionManagerSample;

namespace SessionGen.EndToEnd.Tests;

/// <summary>The seed document's scenario, through the generated client, as the sample runs it.</summary>
public sealed class SeedScenarioTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_participants_receive_the_seed_conversation_in_order()
    {
        var time = new FakeTimeProvider();
        await using var host = new SessionHost(SessionManagerHost.Options(time: time));
        SessionManager.Client review = await SessionManager.StartAsync(host, "design-review", ["ann"]);
        await using SessionSubscription everyone = review.Subscribe();
        await using SessionSubscription bob = review.Subscribe("bob");

        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob"));
        Assert.Equal(JoinResult.AlreadyPresent, await review.JoinAsync("bob"));
        time.Advance(TimeSpan.FromMilliseconds(500));
        await review.LeaveAsync("dave");
        await review.LeaveAsync("bob");
        await review.LeaveAsync("ann");

        object[] expectedForEveryone =
        [
            new ParticipantJoined("bob"),
            new SessionError("participant already present", "bob"),
            new SessionError("participant not found", "dave"),
            new ParticipantLeft("bob"),
            new ParticipantLeft("ann"),
        ];
        List<SessionEvent> seenByEveryone = await everyone.ToListAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(expectedForEveryone, seenByEveryone.Select(e => e.Payload));
        Assert.Equal([1L, 2L, 4L, 5L, 6L], seenByEveryone.Select(e => e.Sequence));

        List<SessionEvent> seenByBob = await bob.ToListAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(new Message("bob", "welcome to design-review"), seenByBob[2].Payload);
        Assert.Equal(3L, seenByBob[2].Sequence);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], seenByBob.Select(e => e.Sequence));

        Assert.False(host.Contains(review.Id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => review.JoinAsync("erin").AsTask());
    }

    [Fact]
    public async Task The_welcome_waits_for_its_500_ms()
    {
        var time = new FakeTimeProvider();
        await using var host = new SessionHost(SessionManagerHost.Options(time: time));
        SessionManager.Client review = await SessionManager.StartAsync(host, "design-review", []);
        await using SessionSubscription carol = review.Subscribe("carol");

        await review.JoinAsync("carol");
        time.Advance(TimeSpan.FromMilliseconds(499));
        await review.JoinAsync("carol"); // queued behind any timeout that fell due: a barrier, not a wait
        Assert.True(carol.TryRead(out SessionEvent? joined));
        Assert.IsType<ParticipantJoined>(joined.Payload);
        Assert.True(carol.TryRead(out SessionEvent? duplicate));
        Assert.IsType<SessionError>(duplicate.Payload);

        time.Advance(TimeSpan.FromMilliseconds(1));
        SessionEvent welcome = await carol.ReadAsync().AsTask().WaitAsync(Guard);
        Assert.Equal(new Message("carol", "welcome to design-review"), welcome.Payload);
    }

    [Fact]
    public async Task The_sample_prints_the_whole_conversation()
    {
        var time = new FakeTimeProvider();
        await using var host = new SessionHost(SessionManagerHost.Options(time: time));
        var output = new StringWriter { NewLine = "\n" };

        await SeedScenario.RunAsync(host, output, delay => { time.Advance(delay); return Task.CompletedTask; }).WaitAsync(Guard);

        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ExpectedSampleOutput.txt")).ReplaceLineEndings("\n");
        Assert.Equal(expected, output.ToString());
    }
}
