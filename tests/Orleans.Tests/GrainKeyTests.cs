namespace SessionGen.Orleans.Tests;

/// <summary>
/// The grain key <c>"{process}/{id}"</c>: a stored reminder is registered under it, so the key of a process that worked
/// before '/' was escaped must not change (its old reminders would activate a second grain of the same session, beside
/// the one its messages reach), and every key must give back its process and id.
/// </summary>
public sealed class GrainKeyTests
{
    [Theory]
    [InlineData("Rate%")]
    [InlineData("Billing%v2")]
    [InlineData("100%Done")]
    [InlineData("a%2fb")]
    public void The_key_of_a_process_whose_name_holds_a_percent_but_no_slash_is_the_key_it_had_before(string process)
    {
        var id = new SessionId("s-1");

        Assert.Equal($"{process}/s-1", SessionGrain.Key(process, id));
    }

    [Theory]
    [InlineData("Cluster.Tally")]
    [InlineData("Cluster.Tally/Nested")]
    [InlineData("Rate%")]
    [InlineData("a/b%c")]
    [InlineData("a%2Fb")]
    [InlineData("a%25b")]
    [InlineData("%2F/%25")]
    [InlineData("%")]
    public void Every_key_gives_back_its_process_and_id(string process)
    {
        foreach (string id in new[] { "s-1", "x/y", "%2F", "%25/%" })
        {
            Assert.Equal((process, id), SessionGrain.Parse(SessionGrain.Key(process, new SessionId(id))));
        }
    }

    [Fact]
    public void Two_processes_never_share_a_key()
    {
        string[] processes = ["a/b", "a%2Fb", "a%252Fb", "a", "a%", "a%25", "a%b"];
        var id = new SessionId("b/c");

        Assert.Equal(processes.Length, processes.Select(process => SessionGrain.Key(process, id)).Distinct(StringComparer.Ordinal).Count());
    }
}
