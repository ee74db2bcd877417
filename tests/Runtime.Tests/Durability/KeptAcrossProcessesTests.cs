using System.Diagnostics;
using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// Two durable processes share a session id a client chose, and each has a failed write while it holds accepted
/// messages: what each instance kept for its next load must reach that load or be answered, never be replaced by what
/// the other kept under the same id.
/// </summary>
/// <remarks>
/// The second keep lands between the first instance's requeue load handing its turn on and that requeue looking at what
/// it kept: a window a few instructions wide, held open here by the runtime's yield point there. Runs alone, in the
/// interleaving collection.
/// </remarks>
[Collection(InterleavingCollection.Name)]
public sealed class KeptAcrossProcessesTests
{
    [Fact]
    public async Task What_a_session_kept_after_a_failed_write_is_answered_when_another_process_s_session_under_its_id_keeps_too()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        var tapes = (ISessionHost)host;

        // Journal's turn fails to be stored with a request accepted behind it; its requeue load waits on the store.
        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<int> failing = journal.AddAsync("lost", 1).AsTask();
        await store.WriteStarted.Guarded();
        Task<int> behind = journal.AddAsync("behind", 2).AsTask();
        store.CloseReads();
        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => failing.Guarded());
        await store.ReadStarted.Guarded();
        Assert.True(SpinWait.SpinUntil(() => !host.Contains(id), TestHosts.Guard));

        // A Tape session starts under the id; its senders wait behind the journal's requeue in the load's line.
        Assert.Null(await tapes.SendAsync(id, new Tape.Messages.Open(), CancellationToken.None).Guarded());
        Task<object?> tapeFailing = tapes.SendAsync(id, new Tape.Messages.Push(1), CancellationToken.None).AsTask();
        Task<object?> tapeBehind = tapes.SendAsync(id, new Tape.Messages.Push(2), CancellationToken.None).AsTask();

        // The journal's requeue is held after its turn, before it looks at what it kept.
        using var release = new ManualResetEventSlim();
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int fired = 0;
        Interleaving.Install(() =>
        {
            if (Volatile.Read(ref fired) == 0 && new StackFrame(2).GetMethod()?.DeclaringType?.Name.Contains("RequeueAsync", StringComparison.Ordinal) == true
                && Interlocked.Exchange(ref fired, 1) == 0)
            {
                held.SetResult();
                release.Wait();
            }
        });
        try
        {
            store.CloseWrites();
            store.FailNext(new IOException("disk full again"));
            store.OpenReads();
            await held.Task.Guarded();

            // Tape's first push fails to be stored with the second accepted behind it: Tape keeps too.
            await store.WriteStarted.Guarded();
            Assert.True(SpinWait.SpinUntil(() => host.GetQueueLength(id) == 1, TestHosts.Guard));
            store.OpenWrites();
            await Assert.ThrowsAsync<SessionStateException>(() => tapeFailing.Guarded());
            Assert.Equal(1, await tapeBehind.Guarded());
        }
        finally
        {
            release.Set();
            Interleaving.Uninstall();
        }

        // The journal's accepted request is answered (its session is not in memory, and Tape's holds the id), and
        // filed as a dead letter; never dropped.
        await Assert.ThrowsAsync<SessionNotFoundException>(() => behind.Guarded());
        Assert.Equal(1, host.DeadLetterCount);
    }
}
