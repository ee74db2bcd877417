using SessionGen.Infrastructure;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// A post that turns up after its grain gave it up (the posts behind it were handed on without it) is not handled out
/// of order, and not lost silently either: its sender was told true, so it is filed where the session runs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LatePostTests(ClusterFixture cluster)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_post_that_arrives_after_its_gap_was_given_up_is_filed_as_a_dead_letter()
    {
        Tally.Client tally = await Tally.StartAsync(cluster.Host).Guarded();
        ISessionGrain grain = cluster.Cluster.Client.GetGrain<ISessionGrain>(SessionGrain.Key("Cluster.Tally", tally.Id));
        var sender = Guid.NewGuid();
        SessionPayload first = Payload(new Tally.Messages.Append(9, 1));
        SessionPayload second = Payload(new Tally.Messages.Append(9, 2));

        await grain.Post("Append", second, null, sender, 2, 0, null).Guarded();
        Assert.True(await Guards.EventuallyAsync(async () => await tally.CountAsync() == 1, Within), "post 2 still waits for post 1");
        long before = DeadLetters();

        await grain.Post("Append", first, null, sender, 1, 0, null).Guarded(); // post 1, late

        int[] received = await tally.ReceivedAsync(9).Guarded();
        Assert.Equal([2], received);
        Assert.True(await Guards.EventuallyAsync(() => Task.FromResult(DeadLetters() == before + 1), Within), "the late post was dropped silently");
    }

    private long DeadLetters() => cluster.Cluster.Silos.Sum(silo => cluster.Sessions(silo).Host.DeadLetterCount);

    private static SessionPayload Payload(object message) =>
        SessionPayload.FromJson(((ISessionMessage)message).Operation.SerializeMessage(message, Wire.Options));
}
