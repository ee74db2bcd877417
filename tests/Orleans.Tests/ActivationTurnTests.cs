namespace SessionGen.Orleans.Tests;

/// <summary>
/// The session grain runs an idle session's turn on its own activation's thread, not on the thread pool: no thread hop
/// there and back per message. The handler sees the default scheduler, so its awaits resume on the thread pool and a
/// handler that blocks cannot deadlock with its own continuation (HandlerOnActivationTests).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivationTurnTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_sent_message_is_handled_on_the_session_grains_activation()
    {
        Ledger.Client ledger = await Ledger.StartAsync(cluster.Host).Guarded();

        Assert.Equal("ThreadPoolTaskScheduler", await ledger.RunsOnAsync().Guarded());
    }

    [Fact]
    public async Task A_posted_message_is_handled_on_the_session_grains_activation_and_in_order_with_sends()
    {
        Ledger.Client ledger = await Ledger.StartAsync(cluster.Host).Guarded();

        for (int number = 1; number <= 100; number++)
        {
            Assert.True(ledger.PostAppend(1, number));
        }

        Assert.True(await Guards.EventuallyAsync(async () => await ledger.CountAsync() == 100, TimeSpan.FromSeconds(30)));
        int[] expected = [.. Enumerable.Range(1, 100)];
        Assert.Equal(expected, await ledger.ReceivedAsync(1).Guarded());
        Assert.Equal("ThreadPoolTaskScheduler", await ledger.RunsOnAsync().Guarded());
    }
}
