using System.Text;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>A host wakes stored sessions of a durable process the running code has never touched: it registered as its assembly loaded.</summary>
public sealed class DurableRegistrationTests
{
    [Fact]
    public async Task Recovery_finds_the_process_of_a_stored_session_by_its_name_before_any_code_has_used_that_process()
    {
        var store = new InMemorySessionStore();
        SessionId id = SessionId.New();
        DateTimeOffset due = new(2026, 11, 26, 11, 0, 0, TimeSpan.Zero);
        string data = $$$"""{"format":1,"fields":{"rang":0},"state":0,"timeouts":[{"name":"Ring","due":"{{{due:O}}}","args":{}}],"events":{"last":0,"recent":[]},"ids":[]}""";
        await store.WriteAsync(new SessionRecord("Durability.Dormant", id, 1, false, Encoding.UTF8.GetBytes(data), [], due), default);
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();

        await host.RecoverAsync().Guarded();
        hosts.Time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(host.Contains(id));
        Assert.Equal(1, await host.SendAsync(id, "Rang", new Processes.Dormant.Messages.Rang()).AsTask().Guarded());
    }
}
