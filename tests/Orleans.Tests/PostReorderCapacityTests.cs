using SessionGen.Infrastructure;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// A session's grain buffers at most <see cref="SessionGenSiloOptions.PostReorderCapacity"/> posts of one sender behind
/// a missing one. The cluster here waits the longest allowed (30 s) for a missing post, so only the capacity can make it give one up:
/// with the default 2 s wait, a slow machine reached the gap timeout before the 10,000 posts were in, and the test
/// showed the timeout instead of the capacity.
/// </summary>
public sealed class PostReorderCapacityTests : IAsyncLifetime
{
    private readonly ClusterFixture cluster = new(postGapTimeout: TimeSpan.FromSeconds(30));

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task More_buffered_posts_than_the_reorder_capacity_give_the_missing_one_up_at_once()
    {
        const int Capacity = 10_000; // SessionGenSiloOptions.PostReorderCapacity's default
        Tally.Client tally = await Tally.StartAsync(cluster.Host).Guarded();
        ISessionGrain grain = cluster.Cluster.Client.GetGrain<ISessionGrain>(SessionGrain.Key("Cluster.Tally", tally.Id));
        var sender = Guid.NewGuid();
        var added = new Tally.Messages.Append(8, 0);
        SessionPayload message = SessionPayload.FromJson(((ISessionMessage)added).Operation.SerializeMessage(added, Wire.Options));

        for (long sequence = 2; sequence <= Capacity + 1; sequence++)
        {
            await grain.Post("Append", message, null, sender, sequence, 0, null).Guarded();
        }

        Assert.Equal(0, await tally.CountAsync().Guarded()); // 10,000 buffered: still waiting for post 1
        await grain.Post("Append", message, null, sender, Capacity + 2, 0, null).Guarded();
        Assert.Equal(Capacity + 1, await tally.CountAsync().Guarded()); // one more: post 1 given up, the rest handed on
    }
}
