using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// Messages from one sender to a stored session that is not in memory are handled in the order they were sent, as
/// they are for a session in memory: the load that the first of them starts must not reorder them.
/// </summary>
/// <remarks>
/// Found by the crash test's design (issue 13): each message that found the session out of memory awaited the shared
/// load and was queued by its own thread-pool continuation, in no particular order, and a message sent after the load
/// had registered the session skipped the wait; posts came out as ["1", "4", "3", "2"]. The waiting senders now queue
/// their messages in the order they waited, before anyone else may.
/// </remarks>
public sealed class StoredSessionOrderTests
{
    private const int Rounds = 200;

    // Reads that complete later (as SQLite's do), so later messages find the load still running.
    private static ISessionStore SlowReads() => new CountingReadsStore(new InMemorySessionStore());

    [Fact]
    public async Task A_post_then_a_send_to_a_stored_session_are_handled_in_the_order_sent()
    {
        await using var hosts = new DurableHosts(SlowReads());
        SessionHost host = hosts.Start();
        var ids = new List<SessionId>();
        for (int i = 0; i < Rounds; i++)
        {
            ids.Add((await Journal.StartAsync(host, "ann").Guarded()).Id);
        }

        host = await hosts.RestartAsync(host);
        foreach (SessionId id in ids)
        {
            Journal.Client journal = Journal.Connect(host, id);
            Task<bool> posted = journal.PostNoteAsync("posted", MessageId.New()).AsTask();
            await journal.NoteAsync("sent", MessageId.New()).Guarded();
            Assert.True(await posted.Guarded());

            Assert.Equal(["posted", "sent"], await journal.EntriesAsync().Guarded());
        }
    }

    [Fact]
    public async Task Posts_to_a_stored_session_are_handled_in_the_order_sent()
    {
        await using var hosts = new DurableHosts(SlowReads());
        SessionHost host = hosts.Start();
        var ids = new List<SessionId>();
        for (int i = 0; i < Rounds; i++)
        {
            ids.Add((await Journal.StartAsync(host, "ann").Guarded()).Id);
        }

        host = await hosts.RestartAsync(host);
        foreach (SessionId id in ids)
        {
            Journal.Client journal = Journal.Connect(host, id);
            Task<bool>[] posted =
            [
                journal.PostNoteAsync("1").AsTask(),
                journal.PostNoteAsync("2", MessageId.New()).AsTask(),
                journal.PostNoteAsync("3").AsTask(),
            ];
            await journal.NoteAsync("4").Guarded();
            Assert.All(await Task.WhenAll(posted).Guarded(), Assert.True);

            Assert.Equal(["1", "2", "3", "4"], await journal.EntriesAsync().Guarded());
        }
    }
}
