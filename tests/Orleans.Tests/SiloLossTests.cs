using System.Diagnostics;
using Orleans.TestingHost;

namespace SessionGen.Orleans.Tests;

/// <summary>The silo that runs a durable session is killed mid-conversation: the conversation goes on elsewhere.</summary>
public sealed class SiloLossTests : IAsyncLifetime
{
    private readonly ClusterFixture cluster = new(); // its own cluster: this test kills one of its silos

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task After_the_sessions_silo_is_killed_the_next_calls_run_on_another_silo_with_the_state_intact_and_a_resend_is_applied_once()
    {
        Meeting.Client review = await Meeting.StartAsync(cluster.Host, "survivors", ["ann"]).Guarded();
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob").Guarded());
        var join = MessageId.New();
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("cat", join).Guarded());
        InProcessSiloHandle victim = Assert.Single(cluster.SilosRunning(review.Id));

        var clock = Stopwatch.StartNew();
        await cluster.Cluster.KillSiloAsync(victim).Guarded();

        // The caller did not hear the answer (say): it sends again with the same id, and the join is not applied twice.
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("cat", join).Guarded());
        TimeSpan firstCall = clock.Elapsed;
        Assert.Equal(["ann", "bob", "cat"], await review.ParticipantsAsync().Guarded());
        Assert.Equal(JoinResult.AlreadyPresent, await review.JoinAsync("bob").Guarded());
        InProcessSiloHandle survivor = Assert.Single(cluster.SilosRunning(review.Id));
        Assert.NotEqual(victim.SiloAddress, survivor.SiloAddress);
        Assert.True(firstCall < TimeSpan.FromSeconds(10), $"first call after the kill took {firstCall}");

        // The welcomes the joins scheduled (500 ms) came back with the session and fire on the survivor.
        Assert.True(await Guards.EventuallyAsync(
            async () => (await review.WelcomedAsync()).Length == 2, TimeSpan.FromSeconds(10)));
        Assert.Equal(["bob", "cat"], await review.WelcomedAsync().Guarded());
    }
}

/// <summary>A session's pending timeouts fire after its silo is lost, with no message to activate it elsewhere.</summary>
public sealed class SiloLossWakeUpTests : IAsyncLifetime
{
    private readonly ClusterFixture cluster = new(wakeUpReminders: true);

    public Task InitializeAsync() => cluster.InitializeAsync();

    public Task DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task A_welcome_pending_when_the_silo_is_killed_fires_on_another_silo_woken_by_its_reminder()
    {
        Meeting.Client review = await Meeting.StartAsync(cluster.Host, "idle", ["ann"]).Guarded();
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob").Guarded());
        InProcessSiloHandle victim = Assert.Single(cluster.SilosRunning(review.Id));
        Assert.Equal(1, cluster.Reminders.Count);

        await cluster.Cluster.KillSiloAsync(victim).Guarded();

        // Nobody sends anything: the reminder activates the grain on a survivor, whose load fires the overdue welcome.
        Assert.True(await Guards.EventuallyAsync(
            async () => (await cluster.Store.ReadAsync("Cluster.Meeting", review.Id, CancellationToken.None)) is { WakeUpAt: null },
            TimeSpan.FromSeconds(15)));
        InProcessSiloHandle survivor = Assert.Single(cluster.SilosRunning(review.Id));
        Assert.NotEqual(victim.SiloAddress, survivor.SiloAddress);
        Assert.Equal(["bob"], await review.WelcomedAsync().Guarded());
    }
}
