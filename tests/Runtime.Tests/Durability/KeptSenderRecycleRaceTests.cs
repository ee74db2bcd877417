using System.Diagnostics;
using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Durability;

/// <summary>
/// The load that requeues what a durable session kept after a failed write must not act on a kept request once it has
/// queued it on the new instance: from then on the request may run, be answered and go back to its pool at any moment.
/// Here a kept sender cancels while its handler runs on the new instance (too late to withdraw it: it is handled and
/// answered), and the load, still going through the kept messages, looks at that request again after it has been
/// answered and recycled. The kept messages behind it must still be requeued and handled.
/// </summary>
[Collection(InterleavingCollection.Name)]
public sealed class KeptSenderRecycleRaceTests
{
    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The methods on the stack of an interleaving point, innermost first, from the point's caller on.
    private static string[] CallersOfPoint()
    {
        string[] names = [.. new StackTrace(false).GetFrames().Select(static frame => frame.GetMethod()?.Name ?? "")];
        int point = Array.IndexOf(names, nameof(Interleaving.Point));
        return point < 0 ? [] : names[(point + 1)..];
    }

    [Fact]
    public async Task A_kept_request_answered_and_recycled_while_the_load_requeues_does_not_stop_the_requeue_of_those_behind_it()
    {
        var store = new ReloadGatedStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        DurableNarrow.Client narrow = await DurableNarrow.StartAsync(host).Guarded();
        SessionId id = narrow.Id;

        // A turn whose write fails, with one message accepted behind it (the one place) and two senders waiting for room.
        TaskCompletionSource heldStarted = NewSignal();
        TaskCompletionSource releaseHeld = NewSignal();
        TaskCompletionSource aStarted = NewSignal();
        TaskCompletionSource releaseA = NewSignal();
        TaskCompletionSource wStarted = NewSignal();
        TaskCompletionSource releaseW = NewSignal();
        store.CloseWrites();
        store.FailNext(new IOException("disk full"));
        Task<string> held = narrow.HoldAsync("held", heldStarted, releaseHeld.Task).AsTask();
        await heldStarted.Task.Guarded();
        Task<string> a = narrow.HoldAsync("a", aStarted, releaseA.Task).AsTask();
        using var cancelW = new CancellationTokenSource();
        ValueTask<string> w = narrow.HoldAsync("w", wStarted, releaseW.Task, cancelW.Token); // awaited once, at the end
        Task v = narrow.NoteAsync("v").AsTask();

        store.CloseReads();
        releaseHeld.SetResult();
        await store.WriteStarted.Guarded();
        store.OpenWrites();
        await Assert.ThrowsAsync<SessionStateException>(() => held.Guarded());
        await store.ReadStarted.Guarded(); // the session left memory, kept [a, w, v]; its next load waits for the store

        // The load's thread (it runs RequeueLeftovers) stops once just after it has queued w, then, if it ever looks at w
        // again to withdraw it, there; the test lets it go on.
        int loadPoints = 0;
        int atWithdrawal = 0;
        int answering = 0;
        TaskCompletionSource wQueued = NewSignal();
        TaskCompletionSource loadWithdraws = NewSignal();
        TaskCompletionSource wAnswered = NewSignal();
        using var resumeAfterQueue = new ManualResetEventSlim();
        using var resumeWithdrawal = new ManualResetEventSlim();
        Interleaving.Install(() =>
        {
            string[] callers = CallersOfPoint();
            if (callers.Length == 0)
            {
                return;
            }

            if (callers.Contains("RequeueLeftovers"))
            {
                if (callers[0] == "Withdraw")
                {
                    if (Interlocked.Exchange(ref atWithdrawal, 1) == 0)
                    {
                        loadWithdraws.TrySetResult();
                        resumeWithdrawal.Wait(TestHosts.Guard);
                    }
                }
                else if (callers[0] != "Hold" && Interlocked.Increment(ref loadPoints) == 2)
                {
                    // Outside the gate, after the second entry (w) was queued on the new instance.
                    wQueued.TrySetResult();
                    resumeAfterQueue.Wait(TestHosts.Guard);
                }
            }
            else if (Volatile.Read(ref answering) == 1 && callers.Length > 1 && callers[0] == "Hold" && callers[1] == "Take")
            {
                // The turn comes back for more after w's turn: w's answer is out, its sender may recycle it.
                wAnswered.TrySetResult();
            }
        });
        try
        {
            store.OpenReads();
            await wQueued.Task.Guarded();
            await aStarted.Task.Guarded();
            releaseA.SetResult();
            Assert.Equal("a", await a.Guarded());
            await wStarted.Task.Guarded();

            // w's sender cancels while w runs: too late, w is handled and answered.
            cancelW.Cancel();
            resumeAfterQueue.Set();
            Assert.True(SpinWait.SpinUntil(() => loadWithdraws.Task.IsCompleted || !host.IsLoading(id), TestHosts.Guard));

            Volatile.Write(ref answering, 1);
            releaseW.SetResult();
            await wAnswered.Task.Guarded();
            Assert.Equal("w", await w); // complete: read here, and the request goes back to this thread's pool
            resumeWithdrawal.Set();

            await v.Guarded();
        }
        finally
        {
            resumeAfterQueue.Set();
            resumeWithdrawal.Set();
            Interleaving.Uninstall();
        }

        Assert.Equal(["a", "w", "v"], await narrow.LogAsync().Guarded());
    }
}
