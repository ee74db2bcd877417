using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Protocol;

public sealed class CorrelationTests
{
    [Fact]
    public async Task Jolies_correlation_test_three_sessions_by_composite_key_each_taking_its_early_second_message_in_protocol_order()
    {
        await using SessionHost host = TestHosts.Create(out _);
        (string First, string Last)[] people = [("Ann", "Smith"), ("Bob", "Jones"), ("Ann", "Jones")];

        string[][] replies = await Task.WhenAll(people.Select(person => Task.Run(async () =>
        {
            await host.SendAsync(new Person.Messages.StartSession(person.First, person.Last));

            // The client sends its second message first: the session holds it until the first has moved it on.
            Task<object?> end = host.SendAsync(new Person.Messages.EndSession(person.First, person.Last)).AsTask();
            Task<object?> preEnd = host.SendAsync(new Person.Messages.PreEndSession(person.First, person.Last)).AsTask();
            return new[] { (string)(await preEnd)!, (string)(await end)! };
        }))).Guarded();

        for (int i = 0; i < people.Length; i++)
        {
            string name = $"{people[i].First} {people[i].Last}";
            Assert.Equal([$"{name}: start,pre-end", $"{name}: start,pre-end,end"], replies[i]);
        }

        Assert.Equal(0, host.SessionCount);
    }

    [Fact]
    public async Task A_message_that_correlates_with_no_session_fails_naming_its_keys()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await host.SendAsync(new Person.Messages.StartSession("Ann", "Smith"));

        var error = await Assert.ThrowsAsync<SessionNotFoundException>(() => host.SendAsync(new Person.Messages.PreEndSession("Zed", "Nobody")).AsTask());
        Assert.Contains("person=(Zed, Nobody)", error.Message);
    }

    [Fact]
    public async Task Two_keys_identify_one_session_one_set_by_the_starter_one_fresh_from_the_runtime()
    {
        await using SessionHost host = TestHosts.Create(out _);
        var tracking = (string)(await host.SendAsync(new Order.Messages.Place("o-1")))!;
        var otherTracking = (string)(await host.SendAsync(new Order.Messages.Place("o-2")))!;

        Assert.Equal(10m, await host.SendAsync(new Order.Messages.Pay(new Invoice("o-1", 10m))));
        Assert.Equal(15m, await host.SendAsync(new Order.Messages.Pay(new Invoice("o-1", 5m))));
        Assert.Equal(15m, await host.SendAsync(new Order.Messages.Track(tracking)));
        Assert.Equal(0m, await host.SendAsync(new Order.Messages.Track(otherTracking)));
        Assert.Equal(32, tracking.Length);
        Assert.NotEqual(tracking, otherTracking);
    }

    [Fact]
    public async Task A_starter_whose_key_is_taken_fails_and_the_first_session_keeps_it()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await host.SendAsync(new Order.Messages.Place("o-1"));

        await Assert.ThrowsAsync<CorrelationConflictException>(() => host.SendAsync(new Order.Messages.Place("o-1")).AsTask());
        Assert.Equal(3m, await host.SendAsync(new Order.Messages.Pay(new Invoice("o-1", 3m))));
        Assert.Equal(1, host.SessionCount);
    }

    [Fact]
    public async Task Keys_are_released_when_their_session_ends()
    {
        await using SessionHost host = TestHosts.Create(out _);
        await host.SendAsync(new Person.Messages.StartSession("Ann", "Smith"));
        await host.SendAsync(new Person.Messages.PreEndSession("Ann", "Smith"));
        await host.SendAsync(new Person.Messages.EndSession("Ann", "Smith"));

        await Assert.ThrowsAsync<SessionNotFoundException>(() => host.SendAsync(new Person.Messages.PreEndSession("Ann", "Smith")).AsTask());
        await host.SendAsync(new Person.Messages.StartSession("Ann", "Smith")); // the key is free again
        Assert.Equal(1, host.SessionCount);
    }
}
