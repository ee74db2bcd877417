using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// The store fails when the head of a line loads the session again (it had left memory): every sender in the line hears
/// of it in its turn (a send gets the error, a post becomes a dead letter), nobody is left waiting, and the next message,
/// once the store answers again, loads the session as the store has it.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class ReloadFailureTests
{
    [Fact]
    public async Task A_store_failing_the_reload_answers_each_waiting_sender_and_the_next_message_loads_the_session()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        await journal.NoteAsync("kept").Guarded();
        SessionId id = journal.Id;
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        await using IAsyncEnumerator<DeadLetter> nextDeadLetter = deadLetters.GetAsyncEnumerator();

        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        var sent = new TaskCompletionSource<(Task Sent, bool Posted)>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (host.Find(id, out _) is { IsUnloaded: true } && Interlocked.Exchange(ref fired, 1) == 0)
            {
                Task first = journal.NoteAsync("1").AsTask();
                bool posted = host.Post(id, new Journal.Messages.Note("2"));
                store.FailReads = new IOException("store unreachable");
                sent.SetResult((first, posted));
            }
        });
        (Task Sent, bool Posted) made;
        try
        {
            store.OpenWrites();
            await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
            made = await sent.Task.Guarded();
        }
        finally
        {
            Interleaving.Uninstall();
        }

        await Assert.ThrowsAsync<IOException>(() => made.Sent.Guarded());
        Assert.True(made.Posted);
        Assert.True(await nextDeadLetter.MoveNextAsync().AsTask().Guarded());
        Assert.Equal(new Journal.Messages.Note("2"), nextDeadLetter.Current.Message);

        store.FailReads = null;
        Assert.Equal(["kept"], await journal.EntriesAsync().Guarded());
    }
}
