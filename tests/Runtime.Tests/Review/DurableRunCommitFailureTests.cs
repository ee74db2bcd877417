using SessionGen.Runtime.Tests.Durability;
using SessionGen.Runtime.Tests.Processes;

namespace SessionGen.Runtime.Tests.Review;

/// <summary>
/// A durable session's turn takes a run of one-way messages from its mailbox; when the write of the first one's turn
/// fails, the session leaves memory and what it had accepted behind that turn must go to its next load, in order. The
/// rest of the run is no longer in the mailbox when it closes: it must not be answered as if the session had ended.
/// </summary>
public sealed class DurableRunCommitFailureTests
{
    [Fact]
    public async Task The_rest_of_a_run_taken_before_a_failed_write_is_handled_after_the_reload_in_order()
    {
        var store = new HoldThenThrowStore(new InMemorySessionStore());
        await using var hosts = new DurableHosts(store);
        SessionHost host = hosts.Start();
        Journal.Client journal = await Journal.StartAsync(host, "ann").Guarded();
        SessionId id = journal.Id;
        await using DeadLetterSubscription deadLetters = host.SubscribeDeadLetters();

        // The turn of "a" waits for its write while five notes queue behind it; the write after it (the first note's)
        // throws, once.
        store.HoldNext();
        Task<int> adding = journal.AddAsync("a", 1).AsTask();
        await store.HeldWriteStarted.Guarded();
        for (int i = 1; i <= 5; i++)
        {
            Assert.True(host.Post(id, new Journal.Messages.Note(i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        store.ThrowOnNextWrite();
        store.Release();
        Assert.Equal(1, await adding.Guarded());

        // The first note's turn was not stored (lost with the failed write); the other four were accepted behind it.
        Assert.Equal(["a", "2", "3", "4", "5"], await journal.EntriesAsync().Guarded());
        Assert.False(deadLetters.TryRead(out DeadLetter? letter), $"dead letter: {letter?.Operation} {letter?.Reason}");
    }

    /// <summary>A store whose next write can be held at a gate, and whose next write can throw before returning.</summary>
    private sealed class HoldThenThrowStore : RecordingStore
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int holdNext;
        private int throwNext;

        public HoldThenThrowStore(ISessionStore inner)
            : base(inner)
        {
        }

        public Task HeldWriteStarted => started.Task;

        public void HoldNext() => Volatile.Write(ref holdNext, 1);

        public void Release() => gate.TrySetResult();

        public void ThrowOnNextWrite() => Volatile.Write(ref throwNext, 1);

        public override ValueTask WriteAsync(SessionRecord record, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref throwNext, 0) == 1)
            {
                throw new IOException("the disk is gone");
            }

            return Interlocked.Exchange(ref holdNext, 0) == 1 ? HeldAsync(record, cancellationToken) : base.WriteAsync(record, cancellationToken);
        }

        private async ValueTask HeldAsync(SessionRecord record, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            await gate.Task;
            await base.WriteAsync(record, cancellationToken);
        }
    }
}
