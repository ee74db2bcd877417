namespace SessionGen.Orleans.Tests;

/// <summary>
/// Durable, with a protocol name that holds the grain key's separator and begins with another process's name
/// (<c>Cluster.Tally</c>), with the same operation names: its messages must reach its own sessions.
/// </summary>
[SessionProcess("Cluster.Tally/Nested", Durable = true)]
public partial class Nested
{
    private int asked;

    [On("Open", StartsSession = true)]
    private void Open()
    {
    }

    [On("Count")]
    private int Count() => 1000 + ++asked;
}

/// <summary>A protocol name with '/' (the separator of the grain key <c>"{process}/{id}"</c>) and session ids with '/'.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SlashedProcessNameTests(ClusterFixture cluster)
{
    [Fact]
    public async Task A_process_whose_name_holds_a_slash_runs_its_own_sessions_not_those_of_the_process_its_name_begins_with()
    {
        Nested.Client nested = await Nested.StartAsync(cluster.Host).Guarded();

        Assert.Equal(1001, await nested.CountAsync().Guarded());
        Assert.Equal(1002, await nested.CountAsync().Guarded());
    }

    [Fact]
    public async Task A_session_id_with_slashes_does_not_reach_the_session_of_a_process_whose_name_holds_them()
    {
        Nested.Client nested = await Nested.StartAsync(cluster.Host).Guarded();
        var tallyId = new SessionId($"Nested/{nested.Id.Value}"); // "Cluster.Tally" + "/" + this = "Cluster.Tally/Nested" + "/" + nested's id
        await cluster.Host.SendAsync(tallyId, new Tally.Messages.Open(), default).AsTask().Guarded();
        Tally.Client tally = Tally.Connect(cluster.Host, tallyId);

        Assert.Equal(0, await tally.CountAsync().Guarded());
        Assert.Equal(1001, await nested.CountAsync().Guarded());
    }
}
