using SessionGen.Infrastructure;

namespace SessionGen.Orleans.Tests;

/// <summary>A sender keeps posting while the session's grain is deactivated and activated again.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostReactivationTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Posts_made_after_the_session_grain_was_reactivated_are_handled_in_order()
    {
        ClusterSessionHost sender = cluster.NewHost();
        Tally.Client tally = await Tally.StartAsync(cluster.Host).Guarded();
        for (int number = 1; number <= 20; number++)
        {
            Assert.True(sender.Post(tally.Id, new Tally.Messages.Append(1, number)));
        }

        Assert.True(await Guards.EventuallyAsync(async () => await tally.CountAsync() == 20, Within));
        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(sender.PostsDeliveredThrough("Cluster.Tally", tally.Id) == 20), Within));
        long gapsBefore = SkippedGaps();
        await Grain(tally.Id).Deactivate().Guarded();
        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(cluster.SilosRunning(tally.Id).Length == 0), Within));

        for (int number = 21; number <= 40; number++)
        {
            Assert.True(sender.Post(tally.Id, new Tally.Messages.Append(1, number)));
        }

        Assert.True(
            await Guards.EventuallyAsync(async () => await tally.CountAsync() == 40, Within),
            $"handled: {await tally.CountAsync()} of 40");
        int[] received = await tally.ReceivedAsync(1).Guarded();
        Assert.Equal([.. Enumerable.Range(1, 40)], received);
        Assert.Equal(gapsBefore, SkippedGaps()); // the new activation started after post 20: nothing was waited for
    }

    [Fact]
    public async Task A_missing_post_is_given_up_after_the_gap_timeout_and_the_later_ones_go_on_in_order()
    {
        Tally.Client tally = await Tally.StartAsync(cluster.Host).Guarded();
        ISessionGrain grain = Grain(tally.Id);
        var sender = Guid.NewGuid();
        long gapsBefore = SkippedGaps();

        // Post 1 never comes (lost on the way, say); 2 and 3 wait for it, then go on without it.
        await grain.Post("Append", Append(7, 2), null, sender, 2, 0, null).Guarded();
        await grain.Post("Append", Append(7, 3), null, sender, 3, 0, null).Guarded();
        Assert.Empty(await tally.ReceivedAsync(7).Guarded());

        Assert.True(await Guards.EventuallyAsync(async () => (await tally.ReceivedAsync(7)).Length == 2, Within));
        Assert.Equal(gapsBefore + 1, SkippedGaps());

        // Post 1 turns up late: it was given up on, so it is not handled out of order.
        await grain.Post("Append", Append(7, 1), null, sender, 1, 0, null).Guarded();
        await grain.Post("Append", Append(7, 4), null, sender, 4, 0, null).Guarded();
        int[] received = await tally.ReceivedAsync(7).Guarded();
        Assert.Equal([2, 3, 4], received);
    }

    private ISessionGrain Grain(SessionId id) =>
        cluster.Cluster.Client.GetGrain<ISessionGrain>(SessionGrain.Key("Cluster.Tally", id));

    private static SessionPayload Append(int sender, int number)
    {
        var message = new Tally.Messages.Append(sender, number);
        return SessionPayload.FromJson(((ISessionMessage)message).Operation.SerializeMessage(message, Wire.Options));
    }

    private long SkippedGaps() => cluster.Cluster.Silos.Sum(silo => cluster.Sessions(silo).SkippedGaps);
}
