namespace SessionGen.Orleans.Tests;

/// <summary>Orleans does not keep the order of unawaited calls; each sender's posts still reach the session in order.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostOrderTests(ClusterFixture cluster)
{
    private const int Senders = 3;
    private const int PostsEach = 10_000;

    [Fact]
    public async Task Ten_thousand_posts_from_each_of_three_senders_are_handled_in_each_senders_order()
    {
        Ledger.Client ledger = await Ledger.StartAsync(cluster.Host).Guarded();
        Assert.Single(cluster.SilosRunning(ledger.Id));

        // Three senders (three hosts: a sender is a ClusterSessionHost), posting at once without awaiting anything.
        Task<bool>[] sending = [.. Enumerable.Range(1, Senders).Select(sender => Task.Run(() =>
        {
            Ledger.Client mine = Ledger.Connect(cluster.NewHost(), ledger.Id);
            bool all = true;
            for (int number = 1; number <= PostsEach; number++)
            {
                all &= mine.PostAppend(sender, number);
            }

            return all;
        }))];
        Assert.All(await Task.WhenAll(sending).Guarded(), Assert.True);

        Assert.True(await Guards.EventuallyAsync(
            async () => await ledger.CountAsync() == Senders * PostsEach, TimeSpan.FromSeconds(60)));
        int[] expected = [.. Enumerable.Range(1, PostsEach)];
        for (int sender = 1; sender <= Senders; sender++)
        {
            Assert.Equal(expected, await ledger.ReceivedAsync(sender).Guarded());
        }
    }
}
