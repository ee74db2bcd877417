using System.Text;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// A record written by another version of the process: fields added since load as their initializers, fields removed
/// since are ignored, and a field whose type changed so that the stored value no longer reads is an error naming the
/// session, never a silent default.
/// </summary>
public sealed class SchemaChangeTests
{
    [Fact]
    public async Task A_field_missing_from_an_old_record_keeps_its_initializer_and_an_unknown_one_is_ignored()
    {
        var store = new InMemorySessionStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(Record(id, """{"entries":["tea"],"gone":42}"""), default);
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = Journal.Connect(host, id);

        Assert.Equal(["tea"], await journal.EntriesAsync().Guarded());
        Assert.Equal("", await journal.OwnerAsync().Guarded()); // 'owner' was not stored: its initializer's value
        Assert.Equal(4, await journal.AddAsync("cake", 4).Guarded()); // 'total' likewise: 0
    }

    [Fact]
    public async Task A_stored_value_that_no_longer_reads_as_its_fields_type_is_an_error_naming_the_session_and_the_field()
    {
        var store = new InMemorySessionStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(Record(id, """{"entries":"not a list","owner":"ann","total":1}"""), default);
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();

        var error = await Assert.ThrowsAsync<SessionStateException>(() => Journal.Connect(host, id).EntriesAsync().Guarded());

        Assert.Equal(id, error.SessionId);
        Assert.Contains(id.ToString(), error.Message);
        Assert.Contains("'entries'", error.Message);
        Assert.Contains("Journal", error.Message);
        Assert.False(host.Contains(id));
    }

    [Fact]
    public async Task A_record_that_is_not_one_the_runtime_wrote_is_an_error_naming_the_session()
    {
        var store = new InMemorySessionStore();
        SessionId id = SessionId.New();
        await store.WriteAsync(new SessionRecord("Journal", id, 1, false, Encoding.UTF8.GetBytes("[1,2"), [], null), default);
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();

        var error = await Assert.ThrowsAsync<SessionStateException>(() => Journal.Connect(host, id).EntriesAsync().Guarded());

        Assert.Contains(id.ToString(), error.Message);
    }

    private static SessionRecord Record(SessionId id, string fields) =>
        new("Journal", id, 1, false, Encoding.UTF8.GetBytes(
            $$"""{"format":1,"fields":{{fields}},"state":0,"timeouts":[],"events":{"last":0,"recent":[]},"ids":[]}"""), [], null);
}
