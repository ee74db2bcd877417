using Orleans.TestingHost;

namespace SessionGen.Orleans.Tests;

/// <summary>
/// Review (orleans6): a result bound for another silo is written by Orleans' connection as it sends the reply, after the
/// session's turn, with the session's own object. These hold the write half done (<see cref="PairGate"/>).
/// </summary>
public sealed class PayloadAfterTurnTests : IAsyncLifetime
{
    private readonly ClusterFixture cluster = new(); // its own cluster: these hold a silo's connection

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task A_result_the_session_changes_after_its_turn_does_not_reach_another_silo_torn()
    {
        (Relay.Client remote, Relay.Client local, _) = await OpenAsync();

        PairGate.Arm();
        Task<Pair> answered = remote.PairNowAsync().Guarded();
        await PairGate.Entered.Guarded(); // A written, B not yet
        Task bump = local.BumpAsync().Guarded(); // a later turn changes both
        if (!PairGate.HeldInTurn)
        {
            await bump; // written after the turn: the session goes on meanwhile (in the turn, the bump waits for the write)
        }

        PairGate.Open();
        Pair pair = await answered;
        await bump;

        Assert.Equal(pair.A, pair.B); // the caller got a pair that no turn ever saw
    }

    [Fact]
    public async Task A_result_being_written_does_not_hold_up_the_other_replies_between_the_two_silos()
    {
        (Relay.Client remote, _, InProcessSiloHandle other) = await OpenAsync();
        Relay.Client neighbour = Relay.Connect(cluster.HostOn(other), await NeighbourAsync(remote.Id)); // another session on its silo

        PairGate.Arm();
        Task<Pair> answered = remote.PairNowAsync().Guarded();
        await PairGate.Entered.Guarded();
        await neighbour.TakenAsync().Guarded(); // another reply from the session's silo to the caller's
        PairGate.Open();
        await answered;

        Assert.False(PairGate.GaveUp); // the other reply waited for the held write (the silos' connection stood still)
    }

    /// <summary>A new relay session on the silo that runs <paramref name="id"/> (placement is random: a few tries).</summary>
    private async Task<SessionId> NeighbourAsync(SessionId id)
    {
        InProcessSiloHandle home = Assert.Single(cluster.SilosRunning(id));
        for (int tries = 0; tries < 64; tries++)
        {
            Relay.Client relay = await Relay.StartAsync(cluster.Host).Guarded();
            if (Assert.Single(cluster.SilosRunning(relay.Id)).SiloAddress == home.SiloAddress)
            {
                return relay.Id;
            }
        }

        throw new InvalidOperationException("No relay session was placed on the silo of " + id);
    }

    /// <summary>A new relay session, as called from another silo and from its own, and that other silo.</summary>
    private async Task<(Relay.Client Remote, Relay.Client Local, InProcessSiloHandle Other)> OpenAsync()
    {
        Relay.Client relay = await Relay.StartAsync(cluster.Host).Guarded();
        InProcessSiloHandle home = Assert.Single(cluster.SilosRunning(relay.Id));
        InProcessSiloHandle other = cluster.Cluster.Silos.First(silo => silo.SiloAddress != home.SiloAddress);
        return (Relay.Connect(cluster.HostOn(other), relay.Id), Relay.Connect(cluster.HostOn(home), relay.Id), other);
    }
}
