namespace SessionGen.Orleans.Tests;

/// <summary>
/// Two processes' grains of one session id on one silo (a client chose the id, or sent a message to the wrong
/// process): the grains are keyed <c>"{process}/{id}"</c> but the silo's session host by id, so the grain of the process
/// that has no session there must leave the other process's session alone.
/// </summary>
public sealed class SharedIdOneSiloTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private readonly ClusterFixture cluster = new(silos: 1); // one silo: both grains are placed on it

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task The_grain_of_another_process_under_a_running_sessions_id_does_not_unload_it_as_it_deactivates()
    {
        ClusterSessionHost host = cluster.NewHost().KnownEvent<ParticipantJoined>();
        var id = new SessionId($"shared-{Guid.NewGuid():N}");
        await host.SendAsync(id, new Meeting.Messages.Initialize("shared", ["ann"]), default).AsTask().Guarded();
        await using SessionSubscription events = await host.SubscribeAsync("Cluster.Meeting", id, null, null, default).Guarded();

        // A message of another durable process to the same id: refused, and its grain is now active on the same silo.
        await Assert.ThrowsAnyAsync<SessionException>(() => host.SendAsync(id, new Tally.Messages.Count(), default).AsTask().Guarded());
        ISessionGrain other = cluster.Cluster.Client.GetGrain<ISessionGrain>(SessionGrain.Key("Cluster.Tally", id));
        await other.Deactivate().Guarded();
        Assert.True(await Guards.EventuallyAsync(() => IsGoneAsync(other), Within), "the other process's grain is still active");

        // The meeting is still running in memory, and its subscriber has not been told that it ended.
        Meeting.Client meeting = Meeting.Connect(host, id);
        Assert.Equal(JoinResult.Joined, await meeting.JoinAsync("bob").Guarded());
        SessionEvent joined = await events.ReadAsync().Guarded();
        Assert.Equal(new ParticipantJoined("bob"), joined.Payload);
        Assert.Single(cluster.SilosRunning(id));
    }

    private async Task<bool> IsGoneAsync(ISessionGrain grain)
    {
        IManagementGrain management = cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        GrainId target = grain.GetGrainId();
        foreach (SiloAddress silo in (await management.GetHosts(onlyActive: true)).Keys)
        {
            if ((await management.GetDetailedGrainStatistics(null, [silo])).Any(statistic => statistic.GrainId == target))
            {
                return false;
            }
        }

        return true;
    }
}
