namespace SessionGen.Orleans.Tests;

/// <summary>The generated client over <see cref="ClusterSessionHost"/>: the seed scenario and SessionGen's errors, typed.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SeedScenarioTests(ClusterFixture cluster)
{
    [Fact]
    public async Task The_seed_scenario_runs_on_one_silo_through_the_generated_client_and_the_last_leave_ends_it()
    {
        Meeting.Client review = await Meeting.StartAsync(cluster.Host, "design-review", ["ann"]).Guarded();

        Assert.Same(cluster.Host, review.Host);
        Assert.Single(cluster.SilosRunning(review.Id));
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob").Guarded());
        Assert.Equal(JoinResult.AlreadyPresent, await review.JoinAsync("bob").Guarded());
        Assert.Equal(["ann", "bob"], await review.ParticipantsAsync().Guarded());
        await review.LeaveAsync("ann").Guarded();
        Assert.Equal(["bob"], await review.ParticipantsAsync().Guarded());
        await review.LeaveAsync("bob").Guarded();

        await Assert.ThrowsAsync<SessionNotFoundException>(() => review.ParticipantsAsync().Guarded());
        Assert.Empty(cluster.SilosRunning(review.Id));
    }

    [Fact]
    public async Task A_handler_that_throws_reaches_the_caller_as_SessionFaultedException_with_the_original_type_and_message()
    {
        Meeting.Client review = await Meeting.StartAsync(cluster.Host, "faulty", ["ann"]).Guarded();

        var faulted = await Assert.ThrowsAsync<SessionFaultedException>(() => review.FailAsync("the minutes are lost").Guarded());

        Assert.Equal(review.Id, faulted.SessionId);
        Assert.Equal("Fail", faulted.Operation);
        var remote = Assert.IsType<RemoteException>(faulted.InnerException);
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.TypeName);
        Assert.Equal("the minutes are lost", remote.Message);
    }

    [Fact]
    public async Task A_session_nobody_started_is_not_found_and_a_message_id_is_handled_once()
    {
        Meeting.Client nobody = Meeting.Connect(cluster.Host, SessionId.New());
        var missing = await Assert.ThrowsAsync<SessionNotFoundException>(() => nobody.JoinAsync("ann").Guarded());
        Assert.Equal(nobody.Id, missing.SessionId);

        Meeting.Client review = await Meeting.StartAsync(cluster.Host, "once", ["ann"]).Guarded();
        var id = MessageId.New();
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob", id).Guarded());
        Assert.Equal(JoinResult.Joined, await review.JoinAsync("bob", id).Guarded());
        Assert.Equal(JoinResult.AlreadyPresent, await review.JoinAsync("bob").Guarded());
    }

    [Fact]
    public async Task A_post_to_a_session_that_does_not_exist_is_taken_and_filed_as_a_dead_letter_where_its_grain_runs()
    {
        Ledger.Client nowhere = Ledger.Connect(cluster.Host, SessionId.New());
        long before = cluster.Cluster.Silos.Sum(silo => cluster.Sessions(silo).Host.DeadLetterCount);

        Assert.True(nowhere.PostAppend(1, 1));

        Assert.True(await Guards.EventuallyAsync(
            () => Task.FromResult(cluster.Cluster.Silos.Sum(silo => cluster.Sessions(silo).Host.DeadLetterCount) == before + 1),
            TimeSpan.FromSeconds(10)));
    }
}
