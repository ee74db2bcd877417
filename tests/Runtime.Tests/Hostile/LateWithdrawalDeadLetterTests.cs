using System.Diagnostics;
using SessionGen.Runtime.Tests.Interleavings;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Hostile;

/// <summary>
/// A sender cancels a queued request: its withdrawal takes it out of the queue, then files it as a dead letter. If the
/// session ends and the host stops in between, the host's dead-letter subscriptions must still be open to receive it
/// (InterleavingTests' disposal mix: "the host filed 1 dead letters; its subscription received 0", seed 70037223).
/// </summary>
/// <remarks>Holds the withdrawing thread at the runtime's yield point between the two; runs alone, in the interleaving collection.</remarks>
[Collection(InterleavingCollection.Name)]
public sealed class LateWithdrawalDeadLetterTests
{
    [Fact]
    public async Task A_request_withdrawn_as_the_host_stops_reaches_the_dead_letter_subscribers()
    {
        var host = TestHosts.Create(out _);
        Gate.Client gate = await Gate.StartAsync(host).Guarded();
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();

        // A turn holds the session; a request waits behind it, cancellable.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseHandler = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> holding = gate.HoldAsync("a", started, releaseHandler.Task).AsTask();
        await started.Task.Guarded();
        using var cancel = new CancellationTokenSource();
        Task queued = gate.NoteAsync("b", cancel.Token).AsTask();
        Assert.Equal(1, host.GetQueueLength(gate.Id));

        // The cancelling thread is held once its withdrawal has taken the request out of the queue.
        using var releaseWithdrawal = new ManualResetEventSlim();
        var withdrawn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Withdraw's yield points: the first as it starts, the second once the request is out of the queue (a look at
        // the queue here would take the mailbox's gate, whose own yield points call this again).
        int pointsInWithdraw = 0;
        Interleaving.Install(() =>
        {
            if (new StackFrame(2).GetMethod()?.Name.StartsWith("Withdraw", StringComparison.Ordinal) == true && Interlocked.Increment(ref pointsInWithdraw) == 2)
            {
                withdrawn.SetResult();
                releaseWithdrawal.Wait();
            }
        });
        try
        {
            new Thread(cancel.Cancel).Start();
            await withdrawn.Task.Guarded();

            // Meanwhile the session ends and the host stops.
            Task stopping = host.DisposeAsync().AsTask();
            releaseHandler.SetResult();
            await stopping.Guarded();
            Assert.Equal("a", await holding.Guarded());
        }
        finally
        {
            releaseWithdrawal.Set();
            Interleaving.Uninstall();
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.Guarded());
        var received = new List<DeadLetter>();
        await foreach (DeadLetter letter in deadLetters.WithCancellation(CancellationToken.None))
        {
            received.Add(letter);
        }

        DeadLetter only = Assert.Single(received);
        Assert.Equal(DeadLetterReason.Cancelled, only.Reason);
        Assert.Equal(1, host.DeadLetterCount);
    }
}
