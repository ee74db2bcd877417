using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Reliability;

public sealed class IdleExpiryTests
{
    [Fact]
    public async Task A_session_without_messages_for_its_idle_timeout_ends_after_its_idle_handler()
    {
        await using SessionHost host = TestHosts.Create(out var time);
        Expiring.Client session = await Expiring.StartAsync(host);
        await using SessionSubscription events = session.Subscribe();

        time.Advance(TimeSpan.FromSeconds(59));
        await session.TouchAsync(); // a message: the idle clock starts again
        time.Advance(TimeSpan.FromSeconds(59));
        await session.TouchAsync();
        Assert.True(host.Contains(session.Id));

        time.Advance(TimeSpan.FromSeconds(60));
        List<SessionEvent> received = await events.ToListAsync().AsTask().Guarded();

        Assert.Equal(["idle goodbye"], received.Select(e => e.Payload));
        Assert.False(host.Contains(session.Id));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => session.TouchAsync().AsTask());
    }
}
