using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// Senders wait in line for a session that has left memory, and when the head of the line loads it again the store no
/// longer has it (it ended elsewhere): each is told in its turn (a send gets <see cref="SessionNotFoundException"/>, a post
/// becomes a dead letter), and nobody is left waiting.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class ReloadEndedTests
{
    [Fact]
    public async Task Senders_waiting_for_a_session_that_ended_meanwhile_are_each_told_and_none_waits_for_ever()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();
        await using IAsyncEnumerator<DeadLetter> nextDeadLetter = deadLetters.GetAsyncEnumerator();

        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        var sent = new TaskCompletionSource<(Task First, bool Posted, Task Third)>(TaskCreationOptions.RunContinuationsAsynchronously);
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (host.Find(id, out _) is { IsUnloaded: true } && Interlocked.Exchange(ref fired, 1) == 0)
            {
                Task first = journal.NoteAsync("1").AsTask();
                bool posted = host.Post(id, new Journal.Messages.Note("2"));
                Task third = journal.NoteAsync("3").AsTask();
                store.ReadsFindNothing = true;
                sent.SetResult((first, posted, third));
            }
        });
        (Task First, bool Posted, Task Third) made;
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

        await Assert.ThrowsAsync<SessionNotFoundException>(() => made.First.Guarded());
        Assert.True(made.Posted);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => made.Third.Guarded());
        Assert.True(await nextDeadLetter.MoveNextAsync().AsTask().Guarded());
        Assert.Equal(new Journal.Messages.Note("2"), nextDeadLetter.Current.Message);
        Assert.Equal(DeadLetterReason.SessionEnded, nextDeadLetter.Current.Reason);
        Assert.False(host.Contains(id));
    }
}
